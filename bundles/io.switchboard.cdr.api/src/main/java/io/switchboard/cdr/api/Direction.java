package io.switchboard.cdr.api;

/** Where a call came from and went to, seen from this switch. */
public enum Direction {
    /** From a trunk (carrier) to a user. */
    INBOUND,
    /** From a user out through a trunk. */
    OUTBOUND,
    /** User to user. */
    INTERNAL,
    /** Imported records that do not say. */
    UNKNOWN
}
