package io.switchboard.alert.core.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.alert.api.AlertRule;

/**
 * Where each rule stands for each subject: quiet, holding (the condition true, not yet for the
 * hold time), firing, or cooling down after it resolved. Thread-safe.
 */
final class Tracker {

    /** Raises and ends alerts. */
    interface Sink {
        /** @return the new alert's id */
        long fire(AlertRule rule, String subject, String message, Double value, Double reference);

        void resolve(long id, String message);
    }

    private static final class State {
        Instant holdingSince;
        Long firing;
        Instant quietUntil;
    }

    private final Sink sink;
    private final Map<String, State> states = new HashMap<>();

    Tracker(Sink sink) {
        this.sink = sink;
    }

    /**
     * One observation of a rule's condition for a subject.
     *
     * @param message says what was seen, for the alert or for its end
     */
    synchronized void observe(AlertRule rule, String subject, boolean condition, Double value, Double reference,
            String message, Instant now) {
        State s = states.computeIfAbsent(rule.name() + '\u0000' + subject, k -> new State());
        if (condition) {
            if (s.firing != null || s.quietUntil != null && now.isBefore(s.quietUntil)) {
                return;
            }
            if (s.holdingSince == null) {
                s.holdingSince = now;
            }
            if (!now.isBefore(s.holdingSince.plusSeconds(rule.holdSeconds()))) {
                s.firing = sink.fire(rule, subject, message, value, reference);
                s.holdingSince = null;
            }
        } else {
            s.holdingSince = null;
            if (s.firing != null) {
                sink.resolve(s.firing, message);
                s.firing = null;
                s.quietUntil = now.plusSeconds(rule.cooldownSeconds());
            }
        }
    }

    /** An alert that was firing when the server stopped goes on firing. */
    synchronized void restore(String rule, String subject, long id) {
        states.computeIfAbsent(rule + '\u0000' + subject, k -> new State()).firing = id;
    }

    /** @return the subjects a rule fires for now */
    synchronized List<String> firing(String rule) {
        String prefix = rule + '\u0000';
        return states.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getValue().firing != null)
                .map(e -> e.getKey().substring(prefix.length())).toList();
    }

    /** A rule went or was disabled: its alerts end, and it starts afresh if it comes back. */
    synchronized void forget(String rule, String why) {
        String prefix = rule + '\u0000';
        states.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(prefix)) {
                return false;
            }
            if (e.getValue().firing != null) {
                sink.resolve(e.getValue().firing, why);
            }
            return true;
        });
    }
}
