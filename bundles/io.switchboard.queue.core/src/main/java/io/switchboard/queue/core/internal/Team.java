package io.switchboard.queue.core.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;

/** A line's agents by user, in the order they came: who is present, and whose phones ring for a call. */
final class Team {

    private final Map<String, Agent> agents = new LinkedHashMap<>();

    /** @return the agents by user, changed in place */
    Map<String, Agent> byUser() {
        return agents;
    }

    /**
     * The agents logged in or members, as the database has them now; an agent gone who has nothing to show today
     * is dropped.
     *
     * @param levels each user's level of the queue's skill, 0 for one who lacks it
     * @param outside whether an agent is an outside number, not a user
     */
    void present(CallQueue queue, List<AgentTable.Login> logins, ToIntFunction<String> levels,
            Predicate<String> outside, Instant now) {
        agents.values().forEach(a -> a.present = false);
        for (String m : queue.members()) {
            Agent a = agents.computeIfAbsent(m, u -> new Agent(u, now));
            a.present = true;
            a.member = true;
            a.paused = false;
            a.reason = null;
        }
        for (AgentTable.Login l : logins) {
            Agent a = agents.computeIfAbsent(l.agent(), u -> new Agent(u, now));
            a.member = queue.members().contains(l.agent());
            a.present = true;
            a.paused = l.paused();
            a.reason = l.reason();
            a.loggedSince = l.since();
        }
        agents.values().removeIf(a -> !a.present && a.state == AgentState.State.READY && a.callsToday == 0);
        for (Agent a : agents.values()) {
            a.level = queue.skill() == null ? 0 : levels.applyAsInt(a.user);
            a.able = queue.skill() == null || a.level > 0;
            a.outside = outside.test(a.user);
        }
    }

    /** @return the agents whose phones ring for the call: one, or all who were free for a queue that rings all */
    List<Agent> ringingFor(String callId) {
        return agents.values().stream().filter(a -> a.state == AgentState.State.RINGING && callId.equals(a.callId))
                .toList();
    }
}
