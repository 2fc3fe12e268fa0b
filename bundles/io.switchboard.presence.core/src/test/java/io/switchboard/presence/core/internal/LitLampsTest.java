package io.switchboard.presence.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Every way a leg can end leaves the lamps: the events of a call forwarded, picked up, ended, or lost. */
class LitLampsTest {

    private final Instant t0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void aLegForwardedOnNoAnswerLeavesItsLampAtTheNextEvent() {
        LitLamps lamps = new LitLamps();
        assertEquals(List.of(), lamps.event("c1", Set.of("alice"), false, t0));
        assertEquals(List.of(), lamps.event("c1", Set.of("alice", "bob"), false, t0), "bob's phone rings");
        // no answer: the call goes on to carol, and bob's cancelled leg has no event of its own
        assertEquals(List.of("bob"), lamps.event("c1", Set.of("alice", "carol"), false, t0.plusSeconds(20)));
        assertEquals(List.of(), lamps.event("c1", Set.of("alice", "carol"), true, t0.plusSeconds(40)),
                "the end names whom it ends for");
        assertTrue(lamps.isEmpty());
    }

    @Test
    void aCallThatEndsNamingSomeoneElseDarkensWhomItLit() {
        LitLamps lamps = new LitLamps();
        lamps.event("c2", Set.of("alice", "bob"), false, t0);
        // forwarded to a number outside: the end names only the caller
        assertEquals(List.of("bob"), lamps.event("c2", Set.of("alice"), true, t0.plusSeconds(30)));
        assertTrue(lamps.isEmpty());
    }

    @Test
    void aCallTheSwitchNoLongerHoldsLeavesEveryLampItLit() {
        LitLamps lamps = new LitLamps();
        lamps.event("lost", Set.of("alice", "bob"), false, t0);
        lamps.event("held", Set.of("carol"), false, t0);
        lamps.event("fresh", Set.of("dave"), false, t0.plusSeconds(9));
        Map<String, Set<String>> gone = lamps.stale(Set.of("held"), t0.plusSeconds(5));
        assertEquals(Map.of("lost", Set.of("alice", "bob")), gone, "a call just heard of waits for its next look");
        assertEquals(Map.of(), lamps.stale(Set.of("held"), t0.plusSeconds(5)), "forgotten once darkened");
        assertEquals(Map.of("fresh", Set.of("dave")), lamps.stale(Set.of("held"), t0.plusSeconds(15)));
    }
}
