package io.switchboard.messaging.api;

/** The Event Admin events of text messages: topics and property names. */
public final class MessageEvents {

    public static final String TOPIC_PREFIX = "io/switchboard/message/";
    /** Kept for a user whose phones could not take it. */
    public static final String STORED = TOPIC_PREFIX + "STORED";
    public static final String DELIVERED = TOPIC_PREFIX + "DELIVERED";
    public static final String FAILED = TOPIC_PREFIX + "FAILED";
    public static final String EXPIRED = TOPIC_PREFIX + "EXPIRED";

    public static final String ID = "message.id";
    public static final String FROM = "message.from";
    public static final String TO = "message.to";
    public static final String REASON = "message.reason";

    private MessageEvents() {
    }
}
