package io.switchboard.alert.core.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.queue.api.QueueStatus;
import io.switchboard.queue.api.Queues;

/**
 * The call queues' rules, on this server's live figures: a service level of the day below target, and a line
 * longer than a limit. A queue with too few calls of the day for its service level to mean anything is left as it
 * was (neither fires nor resolves). Called under {@link EventRules}'s lock, once a minute.
 */
final class QueueRules {

    private final Tracker tracker;
    private final Supplier<Queues> queues;

    QueueRules(Tracker tracker, Supplier<Queues> queues) {
        this.tracker = tracker;
        this.queues = queues;
    }

    void tick(List<AlertRule> serviceLevel, List<AlertRule> waiting, Instant now) {
        Queues q = queues.get();
        if (q == null || serviceLevel.isEmpty() && waiting.isEmpty()) {
            return;
        }
        List<QueueStatus> all = q.queues().stream().map(CallQueue::name).map(q::status).toList();
        for (AlertRule r : serviceLevel) {
            Set<String> gone = new HashSet<>(tracker.firing(r.name()));
            for (QueueStatus s : all) {
                gone.remove(s.queue());
                int base = s.answeredToday() + s.abandonedToday();
                if (!applies(r, s) || base < Math.max(1, r.minAttempts())) {
                    continue;
                }
                boolean firing = s.serviceLevel() < r.threshold();
                tracker.observe(r, s.queue(), firing, s.serviceLevel(), r.threshold(), "Queue " + s.queue()
                        + ": service level " + Math.round(s.serviceLevel()) + " % today (answered within "
                        + s.serviceLevelSeconds() + " s: " + s.answeredInTargetToday() + " of " + base + ")"
                        + (firing ? ", below " + Math.round(r.threshold()) + " %" : ""), now);
            }
            gone.forEach(name -> tracker.observe(r, name, false, null, null, "Queue " + name + " is gone", now));
        }
        for (AlertRule r : waiting) {
            Set<String> gone = new HashSet<>(tracker.firing(r.name()));
            for (QueueStatus s : all) {
                gone.remove(s.queue());
                if (!applies(r, s)) {
                    continue;
                }
                boolean firing = s.waiting() > r.threshold();
                tracker.observe(r, s.queue(), firing, (double) s.waiting(), r.threshold(), "Queue " + s.queue()
                        + ": " + s.waiting() + " callers waiting, the longest " + s.longestWaitSeconds() + " s"
                        + (firing ? ", more than " + Math.round(r.threshold()) : ""), now);
            }
            gone.forEach(name -> tracker.observe(r, name, false, null, null, "Queue " + name + " is gone", now));
        }
    }

    private static boolean applies(AlertRule r, QueueStatus s) {
        return r.key() == null || r.key().equals(s.queue());
    }
}
