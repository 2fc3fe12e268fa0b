package io.switchboard.metrics.prometheus.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.queue.api.QueueStatus;
import io.switchboard.queue.api.Queues;

/** The call queues' live figures as gauges, one sample per queue (and agent state, and outcome of the day). */
final class QueueMetrics {

    private QueueMetrics() {
    }

    static void add(Families f, Queues queues) {
        if (queues == null) {
            return;
        }
        Families.Samples waiting = f.gauge("switchboard_queue_callers_waiting", "Callers in line on the phone");
        Families.Samples callbacks = f.gauge("switchboard_queue_callbacks_waiting",
                "Callers in line to be called back");
        Families.Samples longest = f.gauge("switchboard_queue_longest_wait_seconds", "The longest wait in line now");
        Families.Samples agents = f.gauge("switchboard_queue_agents", "Agents by state");
        Families.Samples today = f.gauge("switchboard_queue_calls_today", "Callers of the day on this server, by "
                + "outcome (a gauge: it starts again at midnight)");
        Families.Samples level = f.gauge("switchboard_queue_service_level_ratio", "Answered within the threshold over "
                + "answered and abandoned, today");
        for (CallQueue q : queues.queues()) {
            QueueStatus s;
            try {
                s = queues.status(q.name());
            } catch (IllegalArgumentException gone) {
                continue; // deleted between the list and the figures
            }
            String name = q.name();
            waiting.add(s.waiting(), "queue", name);
            callbacks.add(s.callbacks(), "queue", name);
            longest.add(s.longestWaitSeconds(), "queue", name);
            Map<AgentState.State, Integer> byState = new LinkedHashMap<>();
            for (AgentState.State state : AgentState.State.values()) {
                byState.put(state, 0);
            }
            s.agents().forEach(a -> byState.merge(a.state(), 1, Integer::sum));
            byState.forEach((state, n) -> agents.add(n, "queue", name, "state", state.name()));
            today.add(s.offeredToday(), "queue", name, "outcome", "offered");
            today.add(s.answeredToday(), "queue", name, "outcome", "answered");
            today.add(s.abandonedToday(), "queue", name, "outcome", "abandoned");
            today.add(s.shortAbandonedToday(), "queue", name, "outcome", "shortAbandoned");
            today.add(s.overflowedToday(), "queue", name, "outcome", "overflowed");
            if (s.serviceLevel() >= 0) {
                level.add(s.serviceLevel() / 100, "queue", name);
            }
        }
        waiting.done();
        callbacks.done();
        longest.done();
        agents.done();
        today.done();
        level.done();
    }
}
