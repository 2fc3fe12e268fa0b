package io.switchboard.messaging.sip.internal;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each user's text messages out through trunks in the last minute, against the same per-minute
 * limit as its calls (the calling policy's {@code callsPerMinute}). A stolen password sends premium
 * texts as fast as the switch lets it, as it would call; this holds the damage to a few messages a
 * minute. Messages and calls are counted apart: a user at its call limit may still text.
 */
final class MessageLimits {

    static final long MINUTE_MILLIS = 60_000;

    /** One user's messages of the last minute, oldest first; guarded by itself. */
    private final Map<String, ArrayDeque<Long>> sent = new ConcurrentHashMap<>();
    private final AtomicLong admitted = new AtomicLong();

    /** Why a message is refused, and when the user may send again. */
    record Refusal(String reason, int retryAfterSeconds) {
    }

    /**
     * Counts a message the user sends through a trunk, unless the limit refuses it.
     *
     * @param perMinute the user's limit, 0 or null for none
     * @return the refusal, or null when the message was counted
     */
    Refusal admit(String user, Integer perMinute, long now) {
        if (perMinute == null || perMinute <= 0) {
            return null;
        }
        if (admitted.incrementAndGet() % 1000 == 0) {
            prune(now);
        }
        while (true) {
            ArrayDeque<Long> times = sent.computeIfAbsent(user, k -> new ArrayDeque<>());
            synchronized (times) {
                if (sent.get(user) != times) {
                    continue; // pruned meanwhile: count in the user's new queue
                }
                while (!times.isEmpty() && now - times.peekFirst() >= MINUTE_MILLIS) {
                    times.removeFirst();
                }
                if (times.size() >= perMinute) {
                    long wait = MINUTE_MILLIS - (now - times.peekFirst());
                    return new Refusal("Message limit: " + user + " sent " + times.size() + " messages through trunks "
                            + "in the last minute (callsPerMinute " + perMinute + ")", (int) Math.max(1,
                                    (wait + 999) / 1000));
                }
                times.addLast(now);
                return null;
            }
        }
    }

    /** Forgets users whose last message is more than a minute old, so that the map holds active senders only. */
    void prune(long now) {
        sent.forEach((user, times) -> {
            synchronized (times) {
                if (times.isEmpty() || now - times.peekLast() >= MINUTE_MILLIS) {
                    sent.remove(user, times);
                }
            }
        });
    }
}
