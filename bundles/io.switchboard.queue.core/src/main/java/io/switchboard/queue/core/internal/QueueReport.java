package io.switchboard.queue.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.switchboard.cdr.api.CallRecord;

/**
 * A queue's figures over a past period, by interval and by agent, from its callers' records (tagged by the queue
 * when they called): what the wallboard says of today on one server, for any day and every server. The service
 * level is the live one's: answered within the threshold over answered plus abandoned, short abandons apart.
 */
final class QueueReport {

    /** One interval's figures, or the period's. */
    static final class Tally {
        int offered;
        int answered;
        int answeredInTarget;
        int abandoned;
        int shortAbandoned;
        int overflowed;
        int callbacks;
        long waitSeconds;
        int waited;
        long longestWaitSeconds;
        long handleSeconds;

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("offered", offered);
            out.put("answered", answered);
            out.put("answeredInTarget", answeredInTarget);
            out.put("abandoned", abandoned);
            out.put("shortAbandoned", shortAbandoned);
            out.put("overflowed", overflowed);
            out.put("callbacks", callbacks);
            int base = answered + abandoned;
            out.put("serviceLevel", base == 0 ? null : Math.round(1000.0 * answeredInTarget / base) / 10.0);
            out.put("averageWaitSeconds", waited == 0 ? null : waitSeconds / waited);
            out.put("longestWaitSeconds", longestWaitSeconds);
            out.put("averageHandleSeconds", answered == 0 ? null : handleSeconds / answered);
            return out;
        }
    }

    private final String queue;
    private final Instant from;
    private final Duration interval;
    private final int serviceLevelSeconds;
    private final int shortAbandonSeconds;
    private final Tally total = new Tally();
    private final TreeMap<Instant, Tally> intervals = new TreeMap<>();
    private final TreeMap<String, Tally> agents = new TreeMap<>();
    private Map<String, AgentTime.Spent> time = Map.of();

    QueueReport(String queue, Instant from, Duration interval, int serviceLevelSeconds, int shortAbandonSeconds) {
        this.queue = queue;
        this.from = from;
        this.interval = interval;
        this.serviceLevelSeconds = serviceLevelSeconds;
        this.shortAbandonSeconds = shortAbandonSeconds;
    }

    /** Counts a record if it is a caller of this queue. */
    void add(CallRecord r) {
        if (!queue.equals(r.tags().get("queue")) || r.start() == null || r.start().isBefore(from)) {
            return;
        }
        long slot = Duration.between(from, r.start()).toSeconds() / interval.toSeconds();
        Tally in = intervals.computeIfAbsent(from.plus(interval.multipliedBy(slot)), t -> new Tally());
        String outcome = r.tags().getOrDefault("queueOutcome", "abandoned");
        String agent = r.tags().get("agent");
        for (Tally t : agent != null && outcome.equals("answered") ? List.of(total, in, agents.computeIfAbsent(agent,
                a -> new Tally())) : List.of(total, in)) {
            count(t, r, outcome);
        }
    }

    private void count(Tally t, CallRecord r, String outcome) {
        t.offered++;
        switch (outcome) {
            case "answered" -> {
                long wait = seconds(r.tags().get("queueWait"));
                t.answered++;
                if (wait <= serviceLevelSeconds) {
                    t.answeredInTarget++;
                }
                waited(t, wait);
                t.handleSeconds += Math.max(0, r.billableSeconds() - wait);
            }
            case "overflowed" -> t.overflowed++;
            case "callback" -> t.callbacks++;
            default -> {
                // the queue answered the caller at once: the whole answered time was the wait
                long wait = r.billableSeconds();
                if (wait < shortAbandonSeconds) {
                    t.shortAbandoned++;
                } else {
                    t.abandoned++;
                    waited(t, wait);
                }
            }
        }
    }

    private static void waited(Tally t, long wait) {
        t.waitSeconds += wait;
        t.waited++;
        t.longestWaitSeconds = Math.max(t.longestWaitSeconds, wait);
    }

    private static long seconds(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @param spent each agent's time logged in and paused: their occupancy is their talk over the rest */
    void agentTime(Map<String, AgentTime.Spent> spent) {
        this.time = spent;
        spent.keySet().forEach(agent -> agents.computeIfAbsent(agent, a -> new Tally()));
    }

    /** @return the report as the API shows it */
    Map<String, Object> json(Instant to) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queue", queue);
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("intervalMinutes", interval.toMinutes());
        out.put("serviceLevelSeconds", serviceLevelSeconds);
        out.put("shortAbandonSeconds", shortAbandonSeconds);
        out.put("serviceLevelFormula", "answered within " + serviceLevelSeconds + " s / (answered + abandoned), "
                + "abandons under " + shortAbandonSeconds + " s apart");
        out.put("total", total.json());
        List<Map<String, Object>> rows = new ArrayList<>();
        intervals.forEach((start, t) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("start", start.toString());
            row.putAll(t.json());
            rows.add(row);
        });
        out.put("intervals", rows);
        List<Map<String, Object>> byAgent = new ArrayList<>();
        agents.forEach((agent, t) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("agent", agent);
            row.put("answered", t.answered);
            row.put("handleSeconds", t.handleSeconds);
            row.put("averageHandleSeconds", t.answered == 0 ? null : t.handleSeconds / t.answered);
            AgentTime.Spent s = time.get(agent);
            if (s != null) {
                long available = s.loggedInSeconds() - s.pausedSeconds();
                row.put("loggedInSeconds", s.loggedInSeconds());
                row.put("pausedSeconds", s.pausedSeconds());
                row.put("occupancy", available <= 0 ? null : Math.round(1000.0 * Math.min(t.handleSeconds,
                        available) / available) / 10.0);
            }
            byAgent.add(row);
        });
        out.put("agents", byAgent);
        return out;
    }
}
