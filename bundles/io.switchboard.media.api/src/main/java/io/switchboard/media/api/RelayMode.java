package io.switchboard.media.api;

/** When a trunk's or a user's calls have their media anchored in the relay. */
public enum RelayMode {
    /** Every call. */
    ALWAYS,
    /** Never: SDP passes through and media flows phone to phone. */
    NEVER,
    /** When the party is behind NAT: its SDP names another address than its packets come from. */
    NAT_ONLY
}
