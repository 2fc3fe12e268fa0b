package io.switchboard.webhook.api;

import java.util.List;

/** The events a subscription can ask for, as named in a delivery's {@code event} field and its header. */
public final class WebhookEvents {

    /** A call came in or went out: its legs are being set up. */
    public static final String CALL_STARTED = "call.started";
    /** A phone rings for the call. */
    public static final String CALL_RINGING = "call.ringing";
    /** The call was answered. */
    public static final String CALL_ANSWERED = "call.answered";
    /** The call ended, answered or not. */
    public static final String CALL_ENDED = "call.ended";
    /** An inbound call ended without being answered: not answered, busy, or given up by the caller. */
    public static final String CALL_MISSED = "call.missed";
    /** A call's record is stored (durable, with its quality): what a CRM logs. */
    public static final String CALL_RECORD = "call.record";
    /** A caller left a voice message in a user's mailbox (since 1.1). */
    public static final String VOICEMAIL_LEFT = "voicemail.left";
    /** A text message was stored for its recipient. */
    public static final String MESSAGE_RECEIVED = "message.received";
    /** An alert began to fire. */
    public static final String ALERT_FIRING = "alert.firing";
    /** An alert stopped firing. */
    public static final String ALERT_RESOLVED = "alert.resolved";
    /** A caller joined a call queue's line (since 1.2). */
    public static final String QUEUE_CALLER_JOINED = "queue.caller.joined";
    /** A caller left a call queue's line: answered, abandoned, overflowed, or to be called back (since 1.2). */
    public static final String QUEUE_CALLER_LEFT = "queue.caller.left";
    /** A queue's agent became ready, rang, took a call, wrapped up, paused or logged out (since 1.2). */
    public static final String QUEUE_AGENT_STATE = "queue.agent.state";
    /** A call was parked in a slot (since 1.2). */
    public static final String CALL_PARKED = "call.parked";
    /** A parked call left its slot: taken from another phone, gone back, or hung up (since 1.2). */
    public static final String CALL_UNPARKED = "call.unparked";
    /** Sent on request only, to try an endpoint. */
    public static final String PING = "ping";

    /** Every event a subscription may name; {@code *} stands for all of them. */
    public static final List<String> ALL = List.of(CALL_STARTED, CALL_RINGING, CALL_ANSWERED, CALL_ENDED, CALL_MISSED,
            CALL_RECORD, VOICEMAIL_LEFT, MESSAGE_RECEIVED, ALERT_FIRING, ALERT_RESOLVED, QUEUE_CALLER_JOINED,
            QUEUE_CALLER_LEFT, QUEUE_AGENT_STATE, CALL_PARKED, CALL_UNPARKED);

    private WebhookEvents() {
    }
}
