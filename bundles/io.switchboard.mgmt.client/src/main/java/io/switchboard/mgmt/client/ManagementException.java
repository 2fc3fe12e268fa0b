package io.switchboard.mgmt.client;

/**
 * A management API call failed. The message is written for an admin: what was tried, where, and
 * what the server or the network said.
 */
public class ManagementException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public ManagementException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** @return the HTTP status the server answered, or 0 when no answer came */
    public int status() {
        return status;
    }
}
