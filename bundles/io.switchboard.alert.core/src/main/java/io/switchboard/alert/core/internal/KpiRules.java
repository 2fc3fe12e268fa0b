package io.switchboard.alert.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.RuleKind;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.KpiService;
import io.switchboard.kpi.api.Kpis;

/** Evaluates the threshold and baseline rules against the KPIs of their window. */
final class KpiRules {

    private final KpiService kpi;
    private final Tracker tracker;

    KpiRules(KpiService kpi, Tracker tracker) {
        this.kpi = kpi;
        this.tracker = tracker;
    }

    void evaluate(AlertRule rule, Instant now) {
        Duration window = Duration.ofMinutes(rule.windowMinutes());
        Map<String, Kpis> current = totals(rule, now.minus(window), now);
        List<Map<String, Kpis>> weeks = new ArrayList<>();
        if (rule.kind() == RuleKind.BASELINE) {
            for (int w = 1; w <= rule.baselineWeeks(); w++) {
                Instant then = now.minus(Duration.ofDays(7L * w));
                weeks.add(totals(rule, then.minus(window), then));
            }
        }
        for (Map.Entry<String, Kpis> e : current.entrySet()) {
            Kpis k = e.getValue();
            Double value = k.value(rule.kpi());
            if (k.attempts() < rule.minAttempts() || value == null) {
                continue; // too quiet to tell: neither fires nor resolves
            }
            Double reference = rule.kind() == RuleKind.THRESHOLD ? Double.valueOf(rule.threshold())
                    : baseline(rule, e.getKey(), weeks);
            if (reference == null) {
                continue; // no past week busy enough to compare with
            }
            double limit = rule.kind() == RuleKind.THRESHOLD ? reference
                    : reference * (rule.below() ? 1 - rule.threshold() / 100 : 1 + rule.threshold() / 100);
            boolean condition = rule.below() ? value < limit : value > limit;
            tracker.observe(rule, e.getKey(), condition, value, reference, message(rule, e.getKey(), k, value,
                    reference, condition), now);
        }
    }

    private Double baseline(AlertRule rule, String key, List<Map<String, Kpis>> weeks) {
        double sum = 0;
        int n = 0;
        for (Map<String, Kpis> week : weeks) {
            Kpis k = week.get(key);
            Double v = k == null || k.attempts() < Math.max(1, rule.minAttempts()) ? null : k.value(rule.kpi());
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    private Map<String, Kpis> totals(AlertRule rule, Instant from, Instant to) {
        Map<String, Kpis> out = new HashMap<>();
        for (KpiSeries s : kpi.query(new KpiQuery(rule.scope(), rule.key(), Granularity.FIVE_MINUTES, from, to,
                ZoneOffset.UTC, 1000)).series()) {
            out.put(s.key(), s.total());
        }
        return out;
    }

    private static String message(AlertRule rule, String key, Kpis k, double value, double reference,
            boolean condition) {
        String what = rule.kpi().toUpperCase(Locale.ROOT) + " of " + (key.isEmpty() ? "all calls"
                : rule.scope().id() + " " + key);
        String against = rule.kind() == RuleKind.THRESHOLD ? "the threshold " + fmt(reference)
                : "its " + rule.baselineWeeks() + "-week baseline " + fmt(reference) + " (" + (rule.below() ? "-" : "+")
                        + fmt(rule.threshold()) + " % fires)";
        String state = condition ? (rule.below() ? "below " : "above ") : "back within ";
        return what + " is " + fmt(value) + ", " + state + against + " over the last " + rule.windowMinutes()
                + " minutes (" + k.attempts() + " calls)";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
