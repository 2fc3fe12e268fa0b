package io.switchboard.phone.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The 20 ms ticks of the media legs of the calls the server answers itself, one tick for many legs
 * at once: a task of its own per leg would wake a thread hundreds of times in each 20 ms with five
 * hundred voicemail calls, where one wake-up does. The legs are spread over a thread per core; the
 * legs of one group (a conference room) always share a thread and a tick, so that each hears the
 * others' frames of the same tick.
 * <p>
 * A tick has three steps: every leg plays the frame that came in (so that a room mixes what came
 * for this tick), every leg makes the frame it sends (a room's mix, coded), and then, on a sender
 * thread of the shard's own, the packets go out: the sockets' system calls, a third of a G.711
 * participant's cost, are off the tick, which then times the mixing and coding alone.
 */
final class Ticks {

    /**
     * What a tick does with a leg.
     *
     * @param hear plays what came in, or null
     * @param speak makes (and sends, or queues) what goes out
     * @param flush sends what {@code speak} queued, or null
     */
    record Leg(Runnable hear, Runnable speak, Runnable flush) {
    }

    /** One audio thread and the legs it ticks. */
    private static final class Shard implements Runnable {
        /** Each leg by its speaking step. */
        final Map<Runnable, Leg> legs = new ConcurrentHashMap<>();
        /** The legs' steps as arrays, made again on each change, so that a tick walks them without an iterator. */
        volatile Runnable[] hears = new Runnable[0];
        volatile Runnable[] speaks = new Runnable[0];
        volatile Runnable[] flushes = new Runnable[0];
        final ScheduledExecutorService timer;
        final boolean ownTimer;
        final TickTimes times = new TickTimes();
        final Thread sender;
        volatile boolean flushDue;
        volatile boolean closed;
        ScheduledFuture<?> task;
        int groups;

        Shard(ScheduledExecutorService timer, boolean ownTimer, int n) {
            this.timer = timer;
            this.ownTimer = ownTimer;
            this.sender = Thread.ofPlatform().daemon().name("switchboard-phone-send-" + n)
                    .priority(Thread.MAX_PRIORITY).start(this::send);
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            for (Runnable hear : hears) {
                hear.run(); // each leg catches its own failures: one never stops the others' audio
            }
            for (Runnable speak : speaks) {
                speak.run();
            }
            times.took(System.nanoTime() - start);
            if (flushes.length > 0) {
                flushDue = true;
                LockSupport.unpark(sender);
            }
        }

        /** The sender thread: after each tick, the packets it made go out. */
        private void send() {
            while (!closed) {
                LockSupport.park(this);
                if (flushDue) {
                    flushDue = false;
                    for (Runnable flush : flushes) {
                        flush.run();
                    }
                }
            }
        }

        int load() {
            return legs.size() + groups;
        }

        void changed() {
            hears = legs.values().stream().map(Leg::hear).filter(r -> r != null).toArray(Runnable[]::new);
            speaks = legs.keySet().toArray(new Runnable[0]);
            flushes = legs.values().stream().map(Leg::flush).filter(r -> r != null).toArray(Runnable[]::new);
        }
    }

    private final List<Shard> shards = new ArrayList<>();
    private final Map<Runnable, Shard> byLeg = new HashMap<>();
    private final Map<String, Shard> byGroup = new HashMap<>();
    private final Map<String, Integer> groupLegs = new HashMap<>();
    private final Map<Runnable, String> legGroup = new HashMap<>();
    /** How long after the engine's start its beans are registered. */
    private static final long BEANS_AFTER_SECONDS = 10;
    private Thread registering;
    private final CountDownLatch closing = new CountDownLatch(1);

    /** @param timer the engine's audio thread: the first shard's; the others get one each */
    Ticks(ScheduledExecutorService timer) {
        this(timer, Runtime.getRuntime().availableProcessors());
    }

    Ticks(ScheduledExecutorService timer, int threads) {
        shards.add(new Shard(timer, false, 0));
        for (int i = 1; i < threads; i++) {
            int n = i;
            shards.add(new Shard(Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "switchboard-phone-audio-" + n);
                t.setDaemon(true);
                t.setPriority(Thread.MAX_PRIORITY);
                return t;
            }), true, n));
        }
    }

    /**
     * Ticks {@code leg} every 20 ms from the next tick on, until {@link #remove}.
     *
     * @param group the leg's group, whose legs share a thread; null for none
     */
    void add(Runnable leg, String group) {
        add(new Leg(null, leg, null), group);
    }

    /** Ticks the leg's steps every 20 ms, until {@link #remove} of its {@code speak}. */
    synchronized void add(Leg steps, String group) {
        Runnable leg = steps.speak();
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
        shard.legs.put(leg, steps);
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

    /**
     * Shows each thread's tick times in the JVM's management beans, from a thread of its own and some seconds
     * after the start: the JVM makes its bean server at the first registration, a tenth of a second of CPU
     * that a start on two cores should not share.
     */
    void register() {
        registering = Thread.ofPlatform().daemon().name("switchboard-phone-beans").start(() -> {
            try {
                if (closing.await(BEANS_AFTER_SECONDS, TimeUnit.SECONDS)) {
                    return; // closed first: nothing to show
                }
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < shards.size(); i++) {
                shards.get(i).times.register(i);
            }
        });
    }

    void close() {
        closing.countDown();
        if (registering != null) {
            try {
                registering.join(); // then each bean registered is unregistered below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Shard s : shards) {
            s.times.unregister();
            s.closed = true;
            LockSupport.unpark(s.sender);
            if (s.ownTimer) {
                s.timer.shutdownNow();
            }
        }
    }
}
