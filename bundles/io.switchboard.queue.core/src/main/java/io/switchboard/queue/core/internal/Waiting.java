package io.switchboard.queue.core.internal;

import java.time.Instant;

/**
 * A caller in a queue's line: on the phone, or gone and waiting for a callback. Changed on the queues' thread; what
 * the caller's audio and the switch's threads read is volatile.
 */
final class Waiting {

    /** What {@link #ringing()} is while every free agent's phones ring for the caller. */
    static final String ALL = "*";

    final String callId;
    /** The caller's number or user: what a callback dials. */
    final String caller;
    final Instant joined;
    private volatile int position;
    private volatile long expectedWaitSeconds;
    /** The agent whose phones ring for this caller now ({@link #ALL}: every free agent's), or null. */
    private volatile String ringing;
    /** The agent whose phone answered, as the switch said it, or null. */
    volatile String answeredBy;
    /** Handed to the overflow: the queue has let the caller go. */
    volatile boolean leaving;
    /** Gone from the phone, to be called back: {@link #callId} no longer names a call in progress. */
    volatile boolean callback;
    /** After a ring the switch refused, the caller is not offered again before this (the next tick), else null. */
    Instant retryAfter;
    /** The callback's call while it rings the agent, else null. */
    String callbackCall;
    int callbackTries;
    CallerAudio audio;

    Waiting(String callId, String caller, Instant joined) {
        this.callId = callId;
        this.caller = caller;
        this.joined = joined;
    }

    int position() {
        return position;
    }

    void position(int place) {
        this.position = place;
    }

    long expectedWaitSeconds() {
        return expectedWaitSeconds;
    }

    void expectedWaitSeconds(long seconds) {
        this.expectedWaitSeconds = seconds;
    }

    String ringing() {
        return ringing;
    }

    /** @return the agent who took the caller: the one whose phone answered, or the one rung */
    String agent() {
        String a = answeredBy;
        return a != null ? a : ALL.equals(ringing) ? null : ringing;
    }

    void ringing(String agent) {
        this.ringing = agent;
    }

    long waitedSeconds(Instant now) {
        return Math.max(0, now.getEpochSecond() - joined.getEpochSecond());
    }
}
