package io.switchboard.mgmt.core.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * How long checking a password has taken lately, so that a login as a name without an account can
 * take as long on the wall clock without spending the CPU: its answer must not say whether the name
 * exists, yet random names from many addresses must not buy a PBKDF2 each. It waits one of the recent
 * real durations, picked at random, so its delays follow theirs, load included. Some real hashing
 * keeps the durations current: the first few logins after a start, and one a period while names
 * without accounts keep coming, so that a flood of them costs at most one hash a period.
 */
final class HashTimings {

    /** How many recent durations are kept to pick from. */
    static final int KEPT = 16;
    /** Logins as unknown names that hash for real after a start, before the durations are trusted. */
    static final int FIRST_REAL = 3;

    private final long[] nanos = new long[KEPT];
    private final long refreshNanos;
    private final LongSupplier clock;
    private int count;
    private int next;
    private long newestAt;

    /**
     * @param refreshNanos how old the newest duration may be before an unknown name hashes for real
     * @param clock {@link System#nanoTime()}, or a test's
     */
    HashTimings(long refreshNanos, LongSupplier clock) {
        this.refreshNanos = refreshNanos;
        this.clock = clock;
    }

    /** Keeps how long a real check of a password took. */
    synchronized void record(long duration) {
        nanos[next] = duration;
        next = (next + 1) % KEPT;
        count = Math.min(KEPT, count + 1);
        newestAt = clock.getAsLong();
    }

    /**
     * @return how long a login as an unknown name is to wait, or -1 when it is to hash for real (too
     *         few durations yet, or the newest too old to speak for the load now)
     */
    synchronized long imitation() {
        if (count < FIRST_REAL || clock.getAsLong() - newestAt > refreshNanos) {
            newestAt = clock.getAsLong(); // one real hash a period, not one for each login that asks meanwhile
            return -1;
        }
        return nanos[ThreadLocalRandom.current().nextInt(count)];
    }
}
