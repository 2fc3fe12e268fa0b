package io.switchboard.queue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.queue.api.AgentState;

/**
 * A morning's logins and pauses give each agent's time in, and paused of it, counted by hand: a member is in from
 * the start, another agent from their log-in, and a state carried over from before the period counts from its start.
 */
class AgentTimeTest {

    private static final Instant NINE = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant TWELVE = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aMorningsLoginsAndPausesGiveTheTimeCountedByHand() {
        List<AgentTime.Change> log = List.of(
                change("carol", "2026-11-29T17:00:00Z", AgentState.State.READY), // in since yesterday
                change("alice", "2026-11-30T10:00:00Z", AgentState.State.PAUSED),
                change("alice", "2026-11-30T10:30:00Z", AgentState.State.READY),
                change("bob", "2026-11-30T09:30:00Z", AgentState.State.READY),
                change("bob", "2026-11-30T11:30:00Z", AgentState.State.LOGGED_OUT),
                change("carol", "2026-11-30T11:00:00Z", AgentState.State.PAUSED));
        Map<String, AgentTime.Spent> spent = AgentTime.of(List.of("alice"), log, NINE, TWELVE);
        assertEquals(new AgentTime.Spent(3 * 3600, 1800), spent.get("alice"), "a member all morning, 30 min paused");
        assertEquals(new AgentTime.Spent(2 * 3600, 0), spent.get("bob"), "09:30 to 11:30");
        assertEquals(new AgentTime.Spent(3 * 3600, 3600), spent.get("carol"), "in from before nine, paused at 11");
        assertEquals(3, spent.size());
    }

    private static AgentTime.Change change(String agent, String at, AgentState.State state) {
        return new AgentTime.Change(agent, Instant.parse(at), state);
    }
}
