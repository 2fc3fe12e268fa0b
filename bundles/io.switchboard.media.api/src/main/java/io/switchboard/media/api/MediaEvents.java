package io.switchboard.media.api;

/** Event Admin topics the relay posts and their properties. */
public final class MediaEvents {

    /** No RTP from a leg for the media timeout: the switch ends the call with this reason. */
    public static final String TOPIC_TIMEOUT = "io/switchboard/media/TIMEOUT";
    public static final String CALL_ID = "callId";
    public static final String LEG = "leg";
    public static final String SECONDS = "seconds";

    private MediaEvents() {
    }
}
