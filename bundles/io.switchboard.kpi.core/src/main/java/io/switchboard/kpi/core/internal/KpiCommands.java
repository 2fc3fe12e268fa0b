package io.switchboard.kpi.core.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.KpiService;
import io.switchboard.kpi.api.KpiStatus;
import io.switchboard.kpi.api.Kpis;

/**
 * Gogo shell commands for KPIs: {@code kpi:show trunk carrier-a 1h -24h now} (scope, key or *,
 * granularity, from, to, zone), {@code kpi:top trunk -7d}, {@code kpi:status}, {@code kpi:rebuild}.
 */
@Component(service = KpiCommands.class, property = { "osgi.command.scope=kpi", "osgi.command.function=show",
        "osgi.command.function=top", "osgi.command.function=status", "osgi.command.function=rebuild" })
public class KpiCommands {

    private static final String ROW = "%-26s %8s %8s %6s %7s %6s %8s %8s %5s %5s %6s %5s %5s%n";

    @Reference
    private KpiService kpi;

    public String show(String scope) {
        return show(scope, "*", "1h", "-24h", "now", "");
    }

    public String show(String scope, String key) {
        return show(scope, key, "1h", "-24h", "now", "");
    }

    public String show(String scope, String key, String granularity, String from, String to) {
        return show(scope, key, granularity, from, to, "");
    }

    public String show(String scope, String key, String granularity, String from, String to, String zone) {
        Map<String, String> p = new HashMap<>();
        p.put("scope", scope);
        p.put("key", key.equals("*") ? "" : key);
        p.put("granularity", granularity);
        p.put("from", from);
        p.put("to", to);
        p.put("zone", zone);
        p.put("limit", "5");
        KpiReport r = kpi.query(QueryArgs.parse(p, ZoneId.of(kpi.status().zone()), Instant.now()));
        StringBuilder sb = header(r);
        for (KpiSeries s : r.series()) {
            sb.append(s.key().isEmpty() ? "all calls" : r.scope().id() + " " + s.key()).append(System.lineSeparator());
            for (KpiBucket b : s.buckets()) {
                if (b.kpis().attempts() > 0) {
                    row(sb, b.start().toString(), b.kpis());
                }
            }
            row(sb, "total", s.total());
        }
        return notes(sb, r);
    }

    /** The busiest keys of a scope over a window, one line each. */
    public String top(String scope, String from) {
        Map<String, String> p = Map.of("scope", scope, "granularity", "1d", "from", from, "to", "now", "limit", "20");
        KpiReport r = kpi.query(QueryArgs.parse(p, ZoneId.of(kpi.status().zone()), Instant.now()));
        StringBuilder sb = header(r);
        for (KpiSeries s : r.series()) {
            row(sb, s.key().isEmpty() ? "all calls" : s.key(), s.total());
        }
        return notes(sb, r);
    }

    public String status() {
        KpiStatus s = kpi.status();
        return "zone " + s.zone() + ", " + s.rolledUp() + " calls counted" + (s.rebuilding() ? ", rebuilding" : "")
                + (s.destinationPrefixes().isEmpty() ? "" : ", destination prefixes " + s.destinationPrefixes())
                + System.lineSeparator();
    }

    public String rebuild() {
        return "KPI rollups rebuilt from " + kpi.rebuild() + " call records" + System.lineSeparator();
    }

    private static StringBuilder header(KpiReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.scope().id()).append(", ").append(r.granularity().id()).append(" buckets from ").append(r.from())
                .append(" to ").append(r.to()).append(" (zone ").append(r.zone()).append(')')
                .append(System.lineSeparator());
        sb.append(String.format(ROW, "bucket", "attempts", "answered", "ASR%", "ACD s", "NER%", "PDD50ms", "PDD95ms",
                "MOS", "MOS5", "jit", "loss%", "peak"));
        return sb;
    }

    private static void row(StringBuilder sb, String label, Kpis k) {
        sb.append(String.format(ROW, label, k.attempts(), k.answered(), n(k.asr()), n(k.acdSeconds()), n(k.ner()),
                n(k.pddMedianMs()), n(k.pddP95Ms()), n(k.mosMean()), n(k.mosP5()), n(k.jitterMs()), n(k.lossPercent()),
                n(k.peakConcurrent())));
    }

    private static String notes(StringBuilder sb, KpiReport r) {
        for (String note : r.notes()) {
            sb.append("note: ").append(note).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String n(Object value) {
        return value == null ? "-" : value.toString();
    }
}
