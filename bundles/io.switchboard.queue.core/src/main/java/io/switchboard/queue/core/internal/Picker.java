package io.switchboard.queue.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.switchboard.queue.api.CallQueue;

/** Which free agent takes the next caller, by the queue's strategy. */
final class Picker {

    private String lastRung;

    /** The agents never idle come first, then the longest idle; a tie goes by the agents' order. */
    private static final Comparator<Agent> IDLE = Comparator.comparing((Agent a) -> a.lastEnd,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    /** @return the agents free now, in the agents' order: all of them ring at once for a queue that rings all */
    static List<Agent> free(Collection<Agent> agents, Instant now) {
        List<Agent> free = new ArrayList<>();
        for (Agent a : agents) {
            if (a.free(now)) {
                free.add(a);
            }
        }
        return free;
    }

    /** @return the agent to ring, or null when none is free (ring all: the longest idle, for a callback) */
    Agent pick(CallQueue.Strategy strategy, Collection<Agent> agents, Instant now) {
        List<Agent> free = free(agents, now);
        if (free.isEmpty()) {
            return null;
        }
        return switch (strategy) {
            case LONGEST_IDLE, RING_ALL -> free.stream().min(IDLE).orElseThrow();
            case FEWEST_CALLS -> free.stream().min(Comparator.comparingInt((Agent a) -> a.callsToday).thenComparing(
                    IDLE)).orElseThrow();
            case ROUND_ROBIN -> next(agents, free);
            case SKILL -> free.stream().min(Comparator.comparingInt((Agent a) -> -a.level).thenComparing(IDLE))
                    .orElseThrow();
        };
    }

    /** @return the first free agent after the one rung last, in the agents' order, wrapping round */
    private Agent next(Collection<Agent> agents, List<Agent> free) {
        List<Agent> all = List.copyOf(agents);
        int start = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).user.equals(lastRung)) {
                start = i + 1;
            }
        }
        for (int i = 0; i < all.size(); i++) {
            Agent a = all.get((start + i) % all.size());
            if (free.contains(a)) {
                return a;
            }
        }
        return free.get(0);
    }

    void rang(String agent) {
        lastRung = agent;
    }
}
