package io.switchboard.attendant.api;

/** A change made against another version of a menu than the stored one: someone else changed it meanwhile. */
public class StaleMenuException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long stored;

    public StaleMenuException(String message, long stored) {
        super(message);
        this.stored = stored;
    }

    /** @return the stored version, 0 when the menu is not stored (any more) */
    public long stored() {
        return stored;
    }
}
