package io.switchboard.queue.core.internal;

import java.time.Instant;

import io.switchboard.queue.api.AgentState;

/** An agent of a queue on this server, as the queue's thread keeps it: what the database does not say. */
final class Agent {

    final String user;
    /** READY, RINGING, BUSY or WRAP_UP: the login and the pause are the database's. */
    AgentState.State state = AgentState.State.READY;
    Instant since;
    /** When the agent's last call of the queue ended, or null: for the longest idle first. */
    Instant lastEnd;
    /** Passed by until then, after a call missed. */
    Instant restUntil;
    /** The call the agent rings for or is on. */
    String callId;
    int callsToday;
    /** The agent's level of the queue's skill, 0 when they lack it or the queue needs none. */
    int level;
    /** Whether the agent may take the queue's callers: the queue needs no skill, or the agent has it. */
    boolean able = true;
    /** An outside number, rung through the trunks: no phones of its own, no callbacks placed for it. */
    boolean outside;

    /** Logged in (or a member), as last read from the database. */
    boolean present;
    boolean member;
    boolean paused;
    String reason;
    Instant loggedSince;

    Agent(String user, Instant now) {
        this.user = user;
        this.since = now;
    }

    boolean free(Instant now) {
        return present && able && !paused && state == AgentState.State.READY && (restUntil == null
                || !now.isBefore(restUntil));
    }

    void to(AgentState.State next, Instant now) {
        state = next;
        since = now;
    }

    /** @return the agent as the API shows it: a call's state wins over a pause taken during the call */
    AgentState view(String queue) {
        if (!present && state == AgentState.State.READY) {
            return new AgentState(queue, user, AgentState.State.LOGGED_OUT, null, since, member, callsToday);
        }
        if (paused && state == AgentState.State.READY) {
            return new AgentState(queue, user, AgentState.State.PAUSED, reason, loggedSince, member, callsToday);
        }
        Instant from = state == AgentState.State.READY && loggedSince != null && loggedSince.isAfter(since)
                ? loggedSince : since;
        return new AgentState(queue, user, state, null, from, member, callsToday);
    }
}
