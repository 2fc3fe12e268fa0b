package io.switchboard.cdr.api;

/** The query cannot be understood; the message says where and why. */
public class InvalidQueryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(message);
    }

    public InvalidQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
