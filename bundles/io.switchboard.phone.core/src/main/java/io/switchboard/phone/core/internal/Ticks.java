package io.switchboard.phone.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The 20 ms ticks of the media legs of the calls the server answers itself, one tick for many legs
 * at once: a task of its own per leg would wake a thread hundreds of times in each 20 ms with five
 * hundred voicemail calls, where one wake-up does. The legs are spread over a thread per core; the
 * legs of one group (a conference room) always share a thread and a tick, so that each hears the
 * others' frames of the same tick.
 */
final class Ticks {

    /** One audio thread and the legs it ticks. */
    private static final class Shard implements Runnable {
        final Set<Runnable> legs = ConcurrentHashMap.newKeySet();
        final ScheduledExecutorService timer;
        final boolean ownTimer;
        final TickTimes times = new TickTimes();
        ScheduledFuture<?> task;
        int groups;

        Shard(ScheduledExecutorService timer, boolean ownTimer) {
            this.timer = timer;
            this.ownTimer = ownTimer;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            for (Runnable leg : legs) {
                leg.run(); // each leg catches its own failures: one never stops the others' audio
            }
            times.took(System.nanoTime() - start);
        }

        int load() {
            return legs.size() + groups;
        }
    }

    private final List<Shard> shards = new ArrayList<>();
    private final Map<Runnable, Shard> byLeg = new HashMap<>();
    private final Map<String, Shard> byGroup = new HashMap<>();
    private final Map<String, Integer> groupLegs = new HashMap<>();
    private final Map<Runnable, String> legGroup = new HashMap<>();

    /** @param timer the engine's audio thread: the first shard's; the others get one each */
    Ticks(ScheduledExecutorService timer) {
        this(timer, Runtime.getRuntime().availableProcessors());
    }

    Ticks(ScheduledExecutorService timer, int threads) {
        shards.add(new Shard(timer, false));
        for (int i = 1; i < threads; i++) {
            int n = i;
            shards.add(new Shard(Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "switchboard-phone-audio-" + n);
                t.setDaemon(true);
                t.setPriority(Thread.MAX_PRIORITY);
                return t;
            }), true));
        }
    }

    /**
     * Ticks {@code leg} every 20 ms from the next tick on, until {@link #remove}.
     *
     * @param group the leg's group, whose legs share a thread; null for none
     */
    synchronized void add(Runnable leg, String group) {
        Shard shard = group == null ? null : byGroup.get(group);
        if (shard == null) {
            shard = shards.get(0);
            for (Shard s : shards) {
                if (s.load() < shard.load()) {
                    shard = s; // the least busy thread
                }
            }
            if (group != null) {
                byGroup.put(group, shard);
                shard.groups++;
            }
        }
        if (group != null) {
            groupLegs.merge(group, 1, Integer::sum);
            legGroup.put(leg, group);
        }
        byLeg.put(leg, shard);
        shard.legs.add(leg);
        if (shard.task == null) {
            shard.task = shard.timer.scheduleAtFixedRate(shard, 20, 20, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void remove(Runnable leg) {
        Shard shard = byLeg.remove(leg);
        if (shard == null) {
            return;
        }
        shard.legs.remove(leg);
        String group = legGroup.remove(leg);
        if (group != null && groupLegs.merge(group, -1, Integer::sum) <= 0) {
            groupLegs.remove(group);
            byGroup.remove(group);
            shard.groups--;
        }
        if (shard.legs.isEmpty() && shard.task != null) {
            shard.task.cancel(false); // no leg: the thread sleeps
            shard.task = null;
        }
    }

    /** Shows each thread's tick times in the JVM's management beans. */
    void register() {
        for (int i = 0; i < shards.size(); i++) {
            shards.get(i).times.register(i);
        }
    }

    void close() {
        for (Shard s : shards) {
            s.times.unregister();
            if (s.ownTimer) {
                s.timer.shutdownNow();
            }
        }
    }
}
