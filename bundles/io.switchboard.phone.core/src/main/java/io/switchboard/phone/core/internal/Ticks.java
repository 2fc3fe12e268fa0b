package io.switchboard.phone.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        /** Each leg's tick and what it plays first (or null). */
        final Map<Runnable, Runnable> legs = new ConcurrentHashMap<>();
        /** The legs as arrays, made again on each change, so that a tick walks them without an iterator. */
        volatile Runnable[] order = new Runnable[0];
        volatile Runnable[] plays = new Runnable[0];
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
            for (Runnable play : plays) {
                play.run(); // everyone's frame in first, so that a room mixes what came for this tick
            }
            for (Runnable leg : order) {
                leg.run(); // each leg catches its own failures: one never stops the others' audio
            }
            times.took(System.nanoTime() - start);
        }

        int load() {
            return legs.size() + groups;
        }

        void changed() {
            order = legs.keySet().toArray(new Runnable[0]);
            plays = legs.values().stream().filter(p -> p != NONE).toArray(Runnable[]::new);
        }
    }

    private static final Runnable NONE = () -> {
    };
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
    void add(Runnable leg, String group) {
        add(leg, null, group);
    }

    /**
     * Ticks {@code leg} every 20 ms, with {@code play} run first in each tick before any leg's tick:
     * a leg plays what came in, then sends what it has to say.
     */
    synchronized void add(Runnable leg, Runnable play, String group) {
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
        shard.legs.put(leg, play == null ? NONE : play);
        shard.changed();
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
        shard.changed();
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
