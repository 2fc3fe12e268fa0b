package io.switchboard.alert.api;

import java.util.List;
import java.util.Objects;

import io.switchboard.kpi.api.Scope;

/**
 * A rule. For {@link RuleKind#THRESHOLD}: fires when {@code kpi} of each key of {@code scope} over
 * the last {@code windowMinutes} is beyond {@code threshold} ({@code below} or above). For
 * {@link RuleKind#BASELINE}: when it is {@code threshold} percent beyond its mean over the same
 * window of the day in the last {@code baselineWeeks} weeks. Quiet windows (fewer than
 * {@code minAttempts} calls) neither fire nor resolve. The condition must hold for
 * {@code holdSeconds} before the alert fires; after it resolves, the rule stays quiet for the key
 * for {@code cooldownSeconds}. The built-in kinds use {@code threshold} as their per-minute limit.
 *
 * @param name unique, letters, digits, dot, dash and underscore
 * @param kind what it watches
 * @param kpi asr, ner, acd, pdd (the median), pdd95, mos, mos5, jitter, loss or attempts
 * @param scope what the KPI is of
 * @param key one trunk, DID, user or destination; null or "*" for each
 * @param below fires when the KPI is below the threshold (or the baseline); else above
 * @param threshold the limit, or for a baseline the change in percent
 * @param baselineWeeks how many past weeks make the baseline
 * @param windowMinutes how far back the KPI is taken, a multiple of 5
 * @param minAttempts fewer calls than this in the window: no decision
 * @param holdSeconds how long the condition must hold before the alert fires
 * @param cooldownSeconds quiet time after the alert resolves
 * @param severity critical, major, minor or warning
 * @param notifiers names of the notifiers to tell; empty for all
 * @param enabled whether it is evaluated
 * @param source where it is defined: "api" (editable) or "config" (a .cfg file in the settings folder)
 */
public record AlertRule(String name, RuleKind kind, String kpi, Scope scope, String key, boolean below,
        double threshold, int baselineWeeks, int windowMinutes, long minAttempts, long holdSeconds,
        long cooldownSeconds, String severity, List<String> notifiers, boolean enabled, String source) {

    public AlertRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
        scope = scope == null ? Scope.ALL : scope;
        key = key == null || key.isBlank() || key.equals("*") ? null : key;
        severity = severity == null || severity.isBlank() ? "major" : severity;
    }

    /** @return the same rule from another source */
    public AlertRule withSource(String newSource) {
        return new AlertRule(name, kind, kpi, scope, key, below, threshold, baselineWeeks, windowMinutes, minAttempts,
                holdSeconds, cooldownSeconds, severity, notifiers, enabled, newSource);
    }
}
