package io.switchboard.store.api;

/**
 * A change made against another version of a row than the stored one: someone else changed it meanwhile, so the
 * change is refused instead of written over theirs (the management API answers 412).
 *
 * @since 1.1
 */
public class StaleVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long stored;

    public StaleVersionException(String message, long stored) {
        super(message);
        this.stored = stored;
    }

    /** @return the stored version, 0 when the row is not stored (any more) */
    public long stored() {
        return stored;
    }
}
