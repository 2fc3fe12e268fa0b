package io.switchboard.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a state that another process or thread brings about (a server's health, a peer's log, a
 * probe's verdict), looking every 50 ms, for at most a limit: a test waits as long as the state takes,
 * never a guessed time.
 */
public final class Eventually {

    /** A look at the state; it may fail as I/O does. */
    @FunctionalInterface
    public interface State {
        boolean reached() throws Exception;
    }

    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Eventually() {
    }

    /** @return whether the state was reached within the limit (its last look after the limit) */
    public static boolean within(Duration limit, State state) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (state.reached()) {
                return true;
            }
            LockSupport.parkNanos(LOOK_NANOS);
        }
        return state.reached();
    }
}
