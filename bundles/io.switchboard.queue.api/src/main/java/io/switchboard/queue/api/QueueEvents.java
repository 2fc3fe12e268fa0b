package io.switchboard.queue.api;

/**
 * The Event Admin events of the queues (posted asynchronously): for webhooks and wallboards. Each carries
 * {@link #QUEUE}; caller events {@link #CALL_ID} and {@link #CALLER}; agent events {@link #AGENT} and {@link #STATE}.
 */
public final class QueueEvents {

    public static final String TOPIC_PREFIX = "io/switchboard/queue/";
    /** A caller joined the line. */
    public static final String CALLER_JOINED = TOPIC_PREFIX + "CALLER_JOINED";
    /** A caller left the line: {@link #OUTCOME} says how, {@link #WAIT_SECONDS} after how long. */
    public static final String CALLER_LEFT = TOPIC_PREFIX + "CALLER_LEFT";
    /** An agent's state changed: {@link #STATE}, with {@link #REASON} for a pause. */
    public static final String AGENT_STATE = TOPIC_PREFIX + "AGENT_STATE";

    public static final String QUEUE = "queue";
    public static final String CALL_ID = "call.id";
    public static final String CALLER = "caller";
    public static final String AGENT = "agent";
    public static final String STATE = "state";
    public static final String REASON = "reason";
    /** answered, abandoned, overflowed, callback (the caller left to be called back), calledBack. */
    public static final String OUTCOME = "outcome";
    public static final String WAIT_SECONDS = "waitSeconds";

    private QueueEvents() {
    }
}
