package io.switchboard.phone.api;

/** A phone could not do what it was asked: no port, no such device, a call in the wrong state. */
public class PhoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PhoneException(String message) {
        super(message);
    }

    public PhoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
