package io.switchboard.messaging.api;

/** A message the store will not keep, with the SIP status to answer and why. */
public final class MessageRefusedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public MessageRefusedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
