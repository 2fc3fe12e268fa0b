package io.switchboard.conference.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.switchboard.conference.core.internal.PinEntry.Outcome;

class PinGuardTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final PinGuard.Caller GUESSER = new PinGuard.Caller("198.51.100.9", false);
    private static final PinGuard.Caller STAFF = new PinGuard.Caller("10.0.0.5", false);

    private static PinGuard guard() {
        return new PinGuard(new PinGuard.Limits(6, 4, Duration.ofMinutes(10), Duration.ofMinutes(15)));
    }

    @Test
    void aSourceGuessingAcrossCallsIsLockedTheRightPinRefusedUntilTheLockoutEnds() {
        PinGuard g = guard();
        // four parallel calls, one wrong PIN each: the count is the source's, not the call's
        for (int i = 0; i < 3; i++) {
            assertEquals(Outcome.WRONG, g.judge("7003", GUESSER, Outcome.WRONG, T0.plusSeconds(i)));
        }
        assertEquals(Outcome.REFUSED, g.judge("7003", GUESSER, Outcome.WRONG, T0.plusSeconds(3)), "the fourth locks");
        assertEquals(Outcome.REFUSED, g.judge("7003", GUESSER, Outcome.PARTICIPANT, T0.plusSeconds(4)),
                "the right PIN too, while it lasts");
        assertNotNull(g.closed("7100", GUESSER, T0.plusSeconds(5)), "in every room");
        assertEquals(1, g.sources("7003", T0.plusSeconds(5)).size());
        assertNull(g.closed("7003", STAFF, T0.plusSeconds(5)), "others still enter");
        Instant after = T0.plusSeconds(3).plus(Duration.ofMinutes(15));
        assertNull(g.closed("7003", GUESSER, after), "it ends on its own");
        assertEquals(Outcome.PARTICIPANT, g.judge("7003", GUESSER, Outcome.PARTICIPANT, after));
    }

    @Test
    void aRoomGuessedFromManyNumbersClosesToTrunksNotToTheStaff() {
        PinGuard g = guard();
        for (int i = 0; i < 6; i++) {
            PinGuard.Caller outside = new PinGuard.Caller("trunk carrier caller +4420794600" + i, true);
            g.judge("7003", outside, Outcome.WRONG, T0.plusSeconds(i));
        }
        PinGuard.Caller fresh = new PinGuard.Caller("trunk carrier caller +442079469999", true);
        String closed = g.closed("7003", fresh, T0.plusSeconds(10));
        assertNotNull(closed);
        assertTrue(closed.contains("room 7003 locked for callers from trunks"), closed);
        assertEquals(Outcome.REFUSED, g.judge("7003", fresh, Outcome.MODERATOR, T0.plusSeconds(10)));
        assertEquals(Outcome.PARTICIPANT, g.judge("7003", STAFF, Outcome.PARTICIPANT, T0.plusSeconds(10)));
        assertNull(g.closed("7004", fresh, T0.plusSeconds(10)), "another room is open");
        assertNotNull(g.room("7003", T0.plusSeconds(10)));
        g.clear("7003");
        assertNull(g.closed("7003", fresh, T0.plusSeconds(11)), "the admin lifted it");
    }

    @Test
    void wrongPinsOlderThanTheWindowDoNotCount() {
        PinGuard g = guard();
        for (int i = 0; i < 3; i++) {
            g.judge("7003", GUESSER, Outcome.WRONG, T0.plusSeconds(i));
        }
        assertEquals(Outcome.WRONG, g.judge("7003", GUESSER, Outcome.WRONG, T0.plus(Duration.ofMinutes(11))));
        assertNull(g.closed("7003", GUESSER, T0.plus(Duration.ofMinutes(11))));
    }
}
