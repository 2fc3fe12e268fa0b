package io.switchboard.cdr.api;

/** How a call ended, from the caller's point of view. */
public enum Disposition {
    /** Answered and connected. */
    ANSWERED,
    /** The callee was busy (486, 600). */
    BUSY,
    /** Rang without answer (408, 480, ring timeout). */
    NO_ANSWER,
    /** Failed: routing, network, server or carrier error. */
    FAILED,
    /** The caller hung up before an answer (CANCEL, 487). */
    CANCELLED
}
