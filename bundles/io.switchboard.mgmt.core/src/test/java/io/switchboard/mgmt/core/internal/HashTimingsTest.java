package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** How long a login as a name without an account waits, and when it hashes for real instead. */
class HashTimingsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theFirstLoginsHashThenTheyWaitARecentRealDuration() {
        AtomicLong now = new AtomicLong();
        HashTimings t = new HashTimings(5 * SECOND, now::get);
        for (int i = 0; i < HashTimings.FIRST_REAL; i++) {
            assertEquals(-1, t.imitation(), "too few durations yet: hash for real");
            t.record(100_000_000L + i);
        }
        Set<Long> waits = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            waits.add(t.imitation());
        }
        assertEquals(Set.of(100_000_000L, 100_000_001L, 100_000_002L), waits, "one of the real ones, at random");
    }

    @Test
    void aFloodOfUnknownNamesHashesOnceAPeriodToKeepTheDurationsCurrent() {
        AtomicLong now = new AtomicLong();
        HashTimings t = new HashTimings(5 * SECOND, now::get);
        for (int i = 0; i < HashTimings.FIRST_REAL; i++) {
            t.record(100_000_000L);
        }
        int real = 0;
        for (int i = 0; i < 1100; i++) { // 100 a second for 11 s
            now.addAndGet(SECOND / 100);
            if (t.imitation() < 0) {
                real++;
                t.record(300_000_000L); // the machine got busier: checks take longer now
            }
        }
        assertEquals(2, real, "one real hash in each 5 s");
        assertTrue(t.imitation() >= 100_000_000L);
    }

    @Test
    void onlyTheMostRecentDurationsCount() {
        AtomicLong now = new AtomicLong();
        HashTimings t = new HashTimings(5 * SECOND, now::get);
        for (int i = 0; i < HashTimings.KEPT; i++) {
            t.record(1L);
        }
        for (int i = 0; i < HashTimings.KEPT; i++) {
            t.record(2L);
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(2L, t.imitation());
        }
    }
}
