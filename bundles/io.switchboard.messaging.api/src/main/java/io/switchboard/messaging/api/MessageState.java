package io.switchboard.messaging.api;

/** Where a text message stands. */
public enum MessageState {
    /** Kept for a user none of whose phones could take it; delivered when one registers. */
    STORED,
    /** A phone of the user answered it with 2xx. */
    DELIVERED,
    /** A phone refused it for good (4xx other than 408/480, 5xx, 6xx). */
    FAILED,
    /** Not delivered within the retention. */
    EXPIRED
}
