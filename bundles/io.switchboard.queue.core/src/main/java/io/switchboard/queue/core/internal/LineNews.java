package io.switchboard.queue.core.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.QueueEvents;

/** A queue's events, as webhooks and wallboards take them. */
final class LineNews {

    private final BiConsumer<String, Map<String, Object>> events;
    private final Clock clock;

    LineNews(BiConsumer<String, Map<String, Object>> events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    void agent(String queue, Agent a) {
        AgentState s = a.view(queue);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(QueueEvents.QUEUE, queue);
        p.put(QueueEvents.AGENT, a.user);
        p.put(QueueEvents.STATE, s.state().name());
        if (s.reason() != null) {
            p.put(QueueEvents.REASON, s.reason());
        }
        events.accept(QueueEvents.AGENT_STATE, p);
    }

    /** @param outcome how the caller left, or null for a caller who joined */
    void caller(String queue, String topic, Waiting w, String outcome) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(QueueEvents.QUEUE, queue);
        p.put(QueueEvents.CALL_ID, w.callId);
        p.put(QueueEvents.CALLER, w.caller);
        if (outcome != null) {
            p.put(QueueEvents.OUTCOME, outcome);
            p.put(QueueEvents.WAIT_SECONDS, w.waitedSeconds(clock.instant()));
        }
        events.accept(topic, p);
    }
}
