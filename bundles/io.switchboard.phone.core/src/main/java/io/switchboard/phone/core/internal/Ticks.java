package io.switchboard.phone.core.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One 20 ms tick for every media leg at once: a task of its own per leg would wake the audio
 * thread hundreds of times in each 20 ms with five hundred voicemail calls, where one wake-up does.
 */
final class Ticks implements Runnable {

    private final Set<Runnable> legs = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> task;
    final TickTimes times = new TickTimes();

    Ticks(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Ticks {@code leg} every 20 ms from the next tick on, until {@link #remove}. */
    synchronized void add(Runnable leg) {
        legs.add(leg);
        if (task == null) {
            task = timer.scheduleAtFixedRate(this, 20, 20, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void remove(Runnable leg) {
        legs.remove(leg);
        if (legs.isEmpty() && task != null) {
            task.cancel(false); // no leg: the audio thread sleeps
            task = null;
        }
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        for (Runnable leg : legs) {
            leg.run(); // each leg catches its own failures: one never stops the others' audio
        }
        times.took(System.nanoTime() - start);
    }
}
