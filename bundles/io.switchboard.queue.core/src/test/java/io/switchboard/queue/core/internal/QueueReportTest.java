package io.switchboard.queue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;

/**
 * A morning's records of queue 600 give the figures counted by hand, by hour and by agent; another queue's callers
 * and a call that never queued are not counted.
 */
class QueueReportTest {

    private static final Instant NINE = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void aMorningsRecordsGiveTheFiguresCountedByHand() {
        QueueReport r = new QueueReport("600", NINE, Duration.ofHours(1), 20, 5);
        // 09:xx: answered after 10 s (alice talks 60 s), after 30 s (bob, 120 s), an abandon after 40 s, a short
        // abandon after 3 s; 10:xx: an overflow, a callback, an answer after 5 s (alice, 30 s)
        r.add(caller("09:05", 70, "answered", "10", "alice", "600"));
        r.add(caller("09:20", 150, "answered", "30", "bob", "600"));
        r.add(caller("09:30", 40, "abandoned", null, null, "600"));
        r.add(caller("09:45", 3, "abandoned", null, null, "600"));
        r.add(caller("10:10", 200, "overflowed", null, null, "600"));
        r.add(caller("10:15", 12, "callback", null, null, "600"));
        r.add(caller("10:40", 35, "answered", "5", "alice", "600"));
        r.add(caller("10:41", 35, "answered", "5", "carol", "601"));
        r.add(new CallRecord(null, "switchboard", "x", List.of(), NINE, null, null, null, 0, "a", null, null, "b",
                null, null, null, null, null, Disposition.ANSWERED, 200, null, null, null, null, null, Map.of()));

        Map<String, Object> json = r.json(NINE.plus(Duration.ofHours(3)));
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) json.get("total");
        assertEquals(7, total.get("offered"));
        assertEquals(3, total.get("answered"));
        assertEquals(2, total.get("answeredInTarget"), "10 s and 5 s within 20 s; 30 s not");
        assertEquals(1, total.get("abandoned"));
        assertEquals(1, total.get("shortAbandoned"));
        assertEquals(1, total.get("overflowed"));
        assertEquals(1, total.get("callbacks"));
        assertEquals(50.0, total.get("serviceLevel"), "2 in target / (3 answered + 1 abandoned)");
        assertEquals(21L, total.get("averageWaitSeconds"), "(10 + 30 + 40 + 5) / 4");
        assertEquals(40L, total.get("longestWaitSeconds"));
        assertEquals(70L, total.get("averageHandleSeconds"), "(60 + 120 + 30) / 3");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hours = (List<Map<String, Object>>) json.get("intervals");
        assertEquals(2, hours.size());
        assertEquals("2026-11-30T09:00:00Z", hours.get(0).get("start"));
        assertEquals(4, hours.get(0).get("offered"));
        assertEquals(1, hours.get(1).get("answered"), "one answered at 10:40");
        r.agentTime(Map.of("alice", new AgentTime.Spent(3600, 0), "bob", new AgentTime.Spent(1200, 600), "dave",
                new AgentTime.Spent(1800, 0)));
        json = r.json(NINE.plus(Duration.ofHours(3)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> agents = (List<Map<String, Object>>) json.get("agents");
        assertEquals(List.of(Map.of("agent", "alice", "answered", 2, "handleSeconds", 90L, "averageHandleSeconds",
                45L, "loggedInSeconds", 3600L, "pausedSeconds", 0L, "occupancy", 2.5), Map.of("agent", "bob",
                        "answered", 1, "handleSeconds", 120L, "averageHandleSeconds", 120L, "loggedInSeconds", 1200L,
                        "pausedSeconds", 600L, "occupancy", 20.0)), agents.subList(0, 2),
                "occupancy: talk over time in and not paused (90 of 3600 s, 120 of 600 s)");
        assertEquals(0, agents.get(2).get("answered"), "dave was in and took none: " + agents.get(2));
        assertEquals(0.0, agents.get(2).get("occupancy"));
    }

    private static CallRecord caller(String at, long billable, String outcome, String wait, String agent,
            String queue) {
        Instant start = Instant.parse("2026-11-30T" + at + ":00Z");
        Map<String, String> tags = new HashMap<>(Map.of("queue", queue, "queueOutcome", outcome));
        if (wait != null) {
            tags.put("queueWait", wait);
        }
        if (agent != null) {
            tags.put("agent", agent);
        }
        return new CallRecord(null, "switchboard", at, List.of(), start, start, start, start.plusSeconds(billable),
                billable, "+12125550100", null, null, queue, null, null, null, null, null, Disposition.ANSWERED, 200,
                null, null, null, null, null, tags);
    }
}
