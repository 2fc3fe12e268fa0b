package io.switchboard.queue.api;

import java.time.Instant;

/**
 * An agent of a queue, now.
 *
 * @param queue the queue's name
 * @param agent the user
 * @param state what the agent does
 * @param reason why the agent paused (for {@link State#PAUSED}), else null
 * @param since when the state began
 * @param member whether the agent is a member of the queue (always logged in) rather than logged in
 * @param callsToday the queue's calls the agent answered today, on this server
 */
public record AgentState(String queue, String agent, State state, String reason, Instant since, boolean member,
        int callsToday) {

    /** What an agent does. */
    public enum State {
        /** Logged in and free: the next caller may ring. */
        READY,
        /** A caller of the queue rings the agent's phones. */
        RINGING,
        /** On a call of the queue. */
        BUSY,
        /** Resting after a queue call, for the queue's wrap-up time. */
        WRAP_UP,
        /** Logged in, taking no calls. */
        PAUSED,
        /** Not an agent of the queue now. */
        LOGGED_OUT
    }
}
