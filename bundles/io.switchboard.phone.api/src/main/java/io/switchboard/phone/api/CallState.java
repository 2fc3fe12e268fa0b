package io.switchboard.phone.api;

/** Where a call is. */
public enum CallState {
    /** Outgoing: the INVITE is sent, no provisional answer with a dialog yet. */
    DIALING,
    /** Outgoing: the far end rings (180 without media). */
    RINGING,
    /** Outgoing: the far end sends audio before answering (183 with SDP): tones, announcements. */
    EARLY_MEDIA,
    /** Incoming: waiting for {@link PhoneCall#answer} or {@link PhoneCall#reject}. */
    INCOMING,
    /** Answered, audio both ways. */
    CONNECTED,
    /** Answered, put on hold by this phone or the far end. */
    HELD,
    /** Over: hung up, rejected, failed, or transferred away. */
    ENDED
}
