package io.switchboard.phone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.Eventually;

/** Legs of one group share an audio thread; groups and lone legs spread over the threads. */
class TicksTest {

    @Test
    void aGroupsLegsShareAThreadAndGroupsSpread() throws Exception {
        ScheduledExecutorService first = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "first"));
        Ticks ticks = new Ticks(first, 2);
        Map<String, Set<String>> threads = new ConcurrentHashMap<>();
        Runnable[] legs = new Runnable[6];
        for (int i = 0; i < legs.length; i++) {
            String group = i < 3 ? "7001" : "7002";
            legs[i] = () -> threads.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet())
                    .add(Thread.currentThread().getName());
            ticks.add(legs[i], group);
        }
        Runnable alone = () -> threads.computeIfAbsent("alone", g -> ConcurrentHashMap.newKeySet())
                .add(Thread.currentThread().getName());
        ticks.add(alone, null);
        try {
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> threads.keySet().containsAll(
                    List.of("7001", "7002", "alone"))), "every leg ticked: " + threads);
            assertEquals(1, threads.get("7001").size(), "one room, one thread: " + threads);
            assertEquals(1, threads.get("7002").size(), threads.toString());
            assertNotEquals(threads.get("7001"), threads.get("7002"), "two rooms on two threads");
            assertEquals(1, threads.get("alone").size());
            for (Runnable leg : legs) {
                ticks.remove(leg);
            }
            ticks.remove(alone);
            threads.clear();
            Thread.sleep(100);
            assertTrue(threads.isEmpty(), "no leg, no tick");
            // the room's thread is free again: a new room takes the least busy one
            ticks.add(legs[0], "7003");
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> threads.containsKey("7001")), "ticked again");
            assertEquals(1, threads.get("7001").size());
        } finally {
            ticks.close();
            first.shutdownNow();
        }
    }

    @Test
    void everyLegHearsBeforeAnySpeaksAndTheSenderThreadFlushesAfter() throws Exception {
        ScheduledExecutorService first = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "first"));
        Ticks ticks = new Ticks(first, 1);
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        Set<String> flushThreads = ConcurrentHashMap.newKeySet();
        for (String leg : List.of("a", "b", "c")) {
            ticks.add(new Ticks.Leg(() -> steps.add("hear " + leg), () -> steps.add("speak " + leg), () -> {
                steps.add("flush " + leg);
                flushThreads.add(Thread.currentThread().getName());
            }), "7010");
        }
        try {
            assertTrue(Eventually.within(Duration.ofSeconds(10), () -> steps.size() >= 60), "ticks ran: " + steps);
            List<String> seen;
            synchronized (steps) {
                seen = new ArrayList<>(steps);
            }
            // each tick: every leg hears, then every leg speaks; the sender thread flushes every leg after it, at
            // its own pace (on a loaded machine after the next tick began: a leg's speak sends what is left first)
            List<String> ticked = seen.stream().map(x -> x.substring(0, x.indexOf(' ')))
                    .filter(x -> !x.equals("flush")).toList();
            assertTrue(ticked.size() >= 30, "several ticks ran: " + seen);
            for (int t = 0; t + 6 <= ticked.size(); t += 6) {
                assertEquals(List.of("hear", "hear", "hear", "speak", "speak", "speak"),
                        ticked.subList(t, t + 6), "tick " + t / 6 + " of " + seen);
            }
            // ticks that come faster than the sender thread runs share its next flush
            for (String leg : List.of("a", "b", "c")) {
                assertTrue(seen.indexOf("flush " + leg) > seen.indexOf("speak " + leg),
                        leg + " flushed after it spoke: " + seen);
            }
            assertEquals(Set.of("switchboard-phone-send-0"), flushThreads, "the packets go out on the sender thread");
        } finally {
            ticks.close();
            first.shutdownNow();
        }
    }
}
