package io.switchboard.kpi.core.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.Kpis;
import io.switchboard.kpi.api.Scope;

/** Answers a KPI query from the rollups, and says why figures are missing where they are. */
final class KpiReader {

    /**
     * What the notes need to know about the server, and the thresholds of the queues' figures.
     *
     * @param serviceLevelSeconds an answer within it counts for a queue's service level
     * @param shortAbandonSeconds a caller who leaves sooner is a short abandon
     */
    record Context(ZoneId serverZone, int retentionDays, boolean relayRunning, boolean rebuilding,
            int serviceLevelSeconds, int shortAbandonSeconds) {

        /** With the queues' default thresholds, 20 s and 5 s. */
        Context(ZoneId serverZone, int retentionDays, boolean relayRunning, boolean rebuilding) {
            this(serverZone, retentionDays, relayRunning, rebuilding, 20, 5);
        }
    }

    private final RollupTable table;
    private final int maxParts;

    KpiReader(RollupTable table) {
        this(table, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** @param maxParts the threads one query may read with */
    KpiReader(RollupTable table, int maxParts) {
        this.table = table;
        this.maxParts = maxParts;
    }

    KpiReport read(KpiQuery q, Context context) {
        ZoneId zone = q.zone() == null ? context.serverZone() : q.zone();
        Windows w = Windows.of(q.granularity(), q.from(), q.to(), zone, context.serverZone());
        if (w.source().equals(RollupTable.M5) && !q.scope().fine()) {
            throw new IllegalArgumentException(q.granularity() == Granularity.FIVE_MINUTES
                    ? "5-minute buckets are kept for all calls, trunks and destinations; " + q.scope().id()
                            + "s start at hourly buckets"
                    : "The buckets of zone " + zone.getId() + " (an offset that is not a whole hour) are made of "
                            + "5-minute buckets, which " + q.scope().id() + "s do not have: ask in whole-hour zone or for "
                            + "days of the server's zone");
        }
        long[] days = wholeDays(w, context.serverZone());
        KpiMath.Shape shape = KpiMath.Shape.of(q.scope(), context);
        List<WindowPart> parts = parts(w.buckets());
        Map<String, Cell> daily;
        List<WindowPart.Result> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Map<String, Cell>> dayRows = days == null ? null : threads.submit(() -> dailyTotals(q, days));
            List<Future<WindowPart.Result>> others = new ArrayList<>();
            for (WindowPart part : parts.subList(1, parts.size())) {
                others.add(threads.submit(() -> part.read(table, q, w, days, zone, shape)));
            }
            results.add(parts.get(0).read(table, q, w, days, zone, shape));
            for (Future<WindowPart.Result> f : others) {
                results.add(join(f));
            }
            daily = dayRows == null ? Map.of() : join(dayRows);
        }
        Set<String> keys = new HashSet<>();
        results.forEach(r -> keys.addAll(r.buckets().keySet()));
        Kpis none = KpiMath.of(new Cell(), shape);
        List<KpiSeries> series = new ArrayList<>();
        Cell all = new Cell();
        for (String key : keys) {
            Cell total = new Cell();
            Cell fromDays = daily.get(key);
            if (fromDays != null) {
                total.merge(fromDays);
            }
            List<KpiBucket> buckets = new ArrayList<>(w.buckets());
            for (int p = 0; p < parts.size(); p++) {
                KpiBucket[] part = results.get(p).buckets().get(key);
                buckets.addAll(Arrays.asList(part != null ? part : parts.get(p).empty(w, none, zone)));
                Cell partTotal = results.get(p).totals().get(key);
                if (partTotal != null) {
                    total.merge(partTotal);
                }
            }
            all.merge(total);
            series.add(new KpiSeries(key, buckets, KpiMath.of(total, shape)));
        }
        series.sort(Comparator.comparingLong((KpiSeries s) -> -s.total().attempts()).thenComparing(KpiSeries::key));
        if (series.size() > q.limit()) {
            series = series.subList(0, q.limit());
        }
        return new KpiReport(zone.getId(), q.scope(), q.granularity(), WindowPart.time(w.from(), zone),
                WindowPart.time(w.to(), zone), series,
                notes(q, w, all, context));
    }

    /**
     * The whole days of the server's zone inside the window, whose totals its daily rollups hold
     * already: a month's total is then 30 rows instead of 720 hourly ones. Only when those days
     * start and end on the window's own buckets (not Kolkata's half hours against UTC hours).
     *
     * @return the first day's start and the last day's end, or null when fewer than two days fit
     */
    private static long[] wholeDays(Windows w, ZoneId serverZone) {
        if (w.source().equals(RollupTable.D1)) {
            return null;
        }
        ZonedDateTime day = Instant.ofEpochSecond(w.from()).atZone(serverZone).toLocalDate().atStartOfDay(serverZone);
        if (day.toEpochSecond() < w.from()) {
            day = day.toLocalDate().plusDays(1).atStartOfDay(serverZone);
        }
        long first = day.toEpochSecond();
        long end = first;
        int count = 0;
        long unit = w.source().equals(RollupTable.H1) ? 3600 : 300;
        while (true) {
            long next = day.toLocalDate().plusDays(1).atStartOfDay(serverZone).toEpochSecond();
            if (next > w.to()) {
                break;
            }
            if (Math.floorMod(day.toEpochSecond(), unit) != 0 || Math.floorMod(next, unit) != 0) {
                return null;
            }
            end = next;
            count++;
            day = day.toLocalDate().plusDays(1).atStartOfDay(serverZone);
        }
        return count < 2 ? null : new long[] { first, end };
    }

    private Map<String, Cell> dailyTotals(KpiQuery q, long[] days) {
        Map<String, Cell> totals = new HashMap<>();
        table.read(RollupTable.D1, q.scope(), q.key(), days[0], days[1], new Cell(),
                (bucket, key, cell) -> totals.computeIfAbsent(key, k -> new Cell()).merge(cell));
        return totals;
    }

    private static List<String> notes(KpiQuery q, Windows w, Cell all, Context context) {
        List<String> notes = new ArrayList<>();
        if (context.rebuilding()) {
            notes.add("The KPIs are being rebuilt from the call records: figures are incomplete until it ends");
        }
        Instant cutoff = context.retentionDays() == 0 ? null
                : Instant.now().minusSeconds(86_400L * context.retentionDays());
        if (cutoff != null && w.from() < cutoff.getEpochSecond()) {
            notes.add((w.to() <= cutoff.getEpochSecond() ? "The window is outside the retention" : "Part of the "
                    + "window is outside the retention") + ": call records are kept " + context.retentionDays()
                    + " days, none started before " + cutoff.truncatedTo(ChronoUnit.SECONDS)
                    + " is left");
        }
        if (all.attempts == 0) {
            notes.add(q.scope() == Scope.ALL || q.key() == null ? "No calls in this window"
                    : "No calls of " + q.scope().id() + " " + q.key() + " in this window");
        } else if (all.answered > 0 && all.measured == 0) {
            notes.add("No call quality for the " + all.answered + " answered calls: " + (context.relayRunning()
                    ? "their media did not pass the media relay (media policy) and their source reported none"
                    : "the media relay is off, so MOS, jitter and loss are not measured"));
        }
        return notes;
    }

    /** Cuts a window into a part per thread, each at least a day of hours; a short window stays whole. */
    private List<WindowPart> parts(int buckets) {
        int n = Math.max(1, Math.min(maxParts, buckets / 24));
        List<WindowPart> parts = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            parts.add(new WindowPart(buckets * p / n, buckets * (p + 1) / n));
        }
        return parts;
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading KPI rollups", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
