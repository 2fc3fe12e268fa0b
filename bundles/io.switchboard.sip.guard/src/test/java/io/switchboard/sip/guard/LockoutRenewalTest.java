package io.switchboard.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.Lockout;

/** A wrong answer let through during a lockout (an emergency call's) counts: the lockout runs again from then. */
class LockoutRenewalTest {

    private static final Limits LIMITS = new Limits(3, 60_000, 900_000, 200, 2_000);
    private final List<Lockout> locked = new ArrayList<>();
    private final List<Lockout> renewed = new ArrayList<>();
    private final Sources.Events events = new Sources.Events() {
        @Override
        public void locked(Lockout lockout) {
            locked.add(lockout);
        }

        @Override
        public void unlocked(Lockout lockout, String why) {
            // not looked at here
        }

        @Override
        public void renewed(Lockout lockout) {
            renewed.add(lockout);
        }
    };

    @Test
    void anAddressThatKeepsGuessingThroughThePassStaysLockedOut() throws Exception {
        Sources sources = new Sources(LIMITS, a -> false, events);
        InetAddress guesser = InetAddress.getByName("192.0.2.66");
        for (int i = 0; i < 3; i++) {
            sources.failed(guesser, "alice", 1_000 + i);
        }
        assertEquals(1, locked.size());
        assertEquals(1_002 + 900_000, locked.get(0).until().toEpochMilli());
        sources.failed(guesser, "alice", 600_000);
        assertEquals(1, locked.size(), "no second lockout event");
        assertEquals(1, renewed.size());
        assertEquals(600_000 + 900_000, renewed.get(0).until().toEpochMilli(), "runs again from the wrong answer");
        assertTrue(renewed.get(0).reason().startsWith("4 authentication failures"), renewed.get(0).reason());
        assertTrue(sources.refuses(guesser, 1_000_000), "still locked out after the first lockout's end");
    }

    @Test
    void aUserAttackedThroughThePassStaysLockedOut() {
        Users users = new Users(LIMITS, events);
        for (int i = 0; i < 3; i++) {
            users.failed("alice", 1_000 + i, name -> Set.of());
        }
        assertEquals(1, locked.size());
        users.failed("alice", 500_000, name -> Set.of());
        assertEquals(1, renewed.size());
        assertEquals(Lockout.USER, renewed.get(0).kind());
        assertEquals(500_000 + 900_000, renewed.get(0).until().toEpochMilli());
        assertTrue(users.refused("alice", null, 1_000_000), "still locked out after the first lockout's end");
    }
}
