package io.switchboard.queue.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.switchboard.queue.api.AgentState;

/**
 * How long each agent of a queue was logged in, and paused of that, over a period: from the logins, pauses and
 * log-outs kept in {@code sb_queue_agent_log}. A member is in unless logged as paused; another user is out until
 * their log-in.
 */
final class AgentTime {

    /** One change of an agent's state, as the log keeps it; {@code at} before the period means "at its start". */
    record Change(String agent, Instant at, AgentState.State state) {
    }

    /** An agent's time in the period. */
    record Spent(long loggedInSeconds, long pausedSeconds) {
    }

    private AgentTime() {
    }

    /**
     * @param changes the last change of each agent before {@code from}, then every change up to {@code to}, in order
     * @return each agent's time, members and agents who changed, by agent
     */
    static Map<String, Spent> of(List<String> members, List<Change> changes, Instant from, Instant to) {
        Map<String, AgentState.State> state = new HashMap<>();
        Map<String, Instant> since = new HashMap<>();
        Map<String, long[]> spent = new TreeMap<>();
        for (String m : members) {
            state.put(m, AgentState.State.READY);
            since.put(m, from);
            spent.put(m, new long[2]);
        }
        for (Change c : changes) {
            Instant at = c.at().isBefore(from) ? from : c.at().isAfter(to) ? to : c.at();
            long[] s = spent.computeIfAbsent(c.agent(), a -> new long[2]);
            add(s, state.get(c.agent()), since.getOrDefault(c.agent(), from), at);
            state.put(c.agent(), c.state());
            since.put(c.agent(), at);
        }
        Map<String, Spent> out = new TreeMap<>();
        spent.forEach((agent, s) -> {
            add(s, state.get(agent), since.getOrDefault(agent, from), to);
            out.put(agent, new Spent(s[0], s[1]));
        });
        return out;
    }

    private static void add(long[] spent, AgentState.State state, Instant from, Instant to) {
        long seconds = Math.max(0, Duration.between(from, to).toSeconds());
        if (state == AgentState.State.READY || state == AgentState.State.PAUSED) {
            spent[0] += seconds;
        }
        if (state == AgentState.State.PAUSED) {
            spent[1] += seconds;
        }
    }
}
