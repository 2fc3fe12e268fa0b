package io.switchboard.alert.core.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.RuleKind;
import io.switchboard.kpi.api.QueueKpis;
import io.switchboard.kpi.api.Scope;

/** What makes a rule sound, the built-in rules, and the KPIs a rule can name (as {@code Kpis.value} reads them). */
final class Rules {

    static final String BUILT_IN = "built-in";
    static final String API = "api";
    static final String CONFIG = "config";
    /** The KPIs a threshold rule may watch: a queue's figures in the queue scope among them. */
    static final Set<String> KPIS = Stream.concat(Stream.of("asr", "ner", "acd", "pdd", "pdd95", "mos", "mos5",
            "jitter", "loss", "attempts"), QueueKpis.NAMES.stream()).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> SEVERITIES = Set.of("critical", "major", "minor", "warning");

    /** Present on every server until an admin changes or disables them. */
    static final List<AlertRule> DEFAULTS = List.of(
            new AlertRule("trunk-down", RuleKind.TRUNK_DOWN, null, Scope.TRUNK, null, false, 0, 0, 0, 0, 0, 0,
                    "critical", List.of(), true, BUILT_IN),
            new AlertRule("registration-storm", RuleKind.REGISTRATION_STORM, null, Scope.ALL, null, false, 600, 0, 1,
                    0, 0, 300, "major", List.of(), true, BUILT_IN),
            new AlertRule("toll-fraud", RuleKind.TOLL_FRAUD, null, Scope.USER, null, false, 10, 0, 1, 0, 0, 900,
                    "critical", List.of(), true, BUILT_IN),
            new AlertRule("test-calls", RuleKind.TEST_CALLS, null, Scope.TRUNK, null, false, 2, 0, 0, 0, 0, 0,
                    "major", List.of(), true, BUILT_IN),
            new AlertRule("emergency-call", RuleKind.EMERGENCY_CALL, null, Scope.USER, null, false, 0, 0, 0, 0, 0, 0,
                    "critical", List.of(), true, BUILT_IN),
            new AlertRule("porting-overdue", RuleKind.PORTING_OVERDUE, null, Scope.DID, null, false, 0, 0, 0, 0, 0, 0,
                    "major", List.of(), true, BUILT_IN),
            new AlertRule("quarantine-calls", RuleKind.QUARANTINE_CALLS, null, Scope.DID, null, false, 10, 0, 0, 0, 0,
                    0, "minor", List.of(), true, BUILT_IN),
            new AlertRule("queue-service-level", RuleKind.QUEUE_SERVICE_LEVEL, null, Scope.ALL, null, true, 80, 0, 0,
                    10, 300, 900, "major", List.of(), true, BUILT_IN),
            new AlertRule("queue-waiting", RuleKind.QUEUE_WAITING, null, Scope.ALL, null, false, 10, 0, 0, 0, 60, 300,
                    "major", List.of(), true, BUILT_IN));

    private Rules() {
    }

    /** @throws IllegalArgumentException naming the first thing wrong */
    static AlertRule check(AlertRule r) {
        if (!r.name().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("Rule name '" + r.name() + "': 1 to 64 letters, digits, '.', '-', '_'");
        }
        if (!SEVERITIES.contains(r.severity().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Rule " + r.name() + ": severity '" + r.severity()
                    + "' is not critical, major, minor or warning");
        }
        if (r.kind() == RuleKind.THRESHOLD || r.kind() == RuleKind.BASELINE) {
            if (r.kpi() == null || !KPIS.contains(r.kpi())) {
                throw new IllegalArgumentException("Rule " + r.name() + ": kpi '" + r.kpi() + "' is not one of "
                        + new TreeSet<>(KPIS));
            }
            if (QueueKpis.NAMES.contains(r.kpi()) && r.scope() != Scope.QUEUE) {
                throw new IllegalArgumentException("Rule " + r.name() + ": kpi '" + r.kpi() + "' is a queue's: its "
                        + "scope is queue, not " + r.scope().id());
            }
            if (r.windowMinutes() < 5 || r.windowMinutes() % 5 != 0 || r.windowMinutes() > 1440) {
                throw new IllegalArgumentException("Rule " + r.name() + ": windowMinutes " + r.windowMinutes()
                        + " must be a multiple of 5 from 5 to 1440");
            }
            if (r.kind() == RuleKind.BASELINE && (r.baselineWeeks() < 1 || r.baselineWeeks() > 12)) {
                throw new IllegalArgumentException("Rule " + r.name() + ": baselineWeeks " + r.baselineWeeks()
                        + " must be 1 to 12");
            }
            if (r.kind() == RuleKind.BASELINE && (r.threshold() <= 0 || r.threshold() >= 100 && r.below())) {
                throw new IllegalArgumentException("Rule " + r.name() + ": a baseline's threshold is the change in "
                        + "percent that fires it, above 0" + (r.below() ? " and below 100" : ""));
            }
        } else if (r.threshold() <= 0 && r.kind() != RuleKind.TRUNK_DOWN && r.kind() != RuleKind.EMERGENCY_CALL
                && r.kind() != RuleKind.PORTING_OVERDUE) {
            throw new IllegalArgumentException("Rule " + r.name() + ": threshold (" + switch (r.kind()) {
                case TEST_CALLS -> "failed test calls in a row";
                case QUEUE_SERVICE_LEVEL -> "the service level in percent";
                case QUEUE_WAITING -> "callers waiting";
                default -> "calls a minute";
            } + ") must be above 0");
        }
        if (r.minAttempts() < 0 || r.holdSeconds() < 0 || r.cooldownSeconds() < 0) {
            throw new IllegalArgumentException("Rule " + r.name() + ": minAttempts, holdSeconds and cooldownSeconds "
                    + "must not be negative");
        }
        return r;
    }
}
