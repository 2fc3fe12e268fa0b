package io.switchboard.kpi.core.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.Kpis;

/**
 * A run of a window's buckets, read from the rollups and turned into KPIs by one thread: a long
 * window is cut into as many parts as there are cores, since reading and decoding rows is all a
 * query does.
 *
 * @param first the part's first bucket in the window
 * @param end the bucket after its last
 */
record WindowPart(int first, int end) {

    /**
     * The part's buckets per key, and per key the sums of the buckets that the daily totals do not
     * cover.
     */
    record Result(Map<String, KpiBucket[]> buckets, Map<String, Cell> totals) {
    }

    Result read(RollupTable table, KpiQuery q, Windows w, long[] days, ZoneId zone, KpiMath.Shape shape) {
        Kpis none = KpiMath.of(new Cell(), shape);
        Result r = w.direct(q.granularity()) ? direct(table, q, w, days, zone, shape)
                : merged(table, q, w, days, zone, shape);
        if (q.key() != null && !r.buckets().containsKey(q.key())) {
            r.buckets().put(q.key(), empty(w, none, zone));
        }
        for (KpiBucket[] out : r.buckets().values()) {
            for (int i = 0; i < out.length; i++) {
                if (out[i] == null) {
                    out[i] = new KpiBucket(time(w.starts()[first + i], zone), none);
                }
            }
        }
        return r;
    }

    /** Each row is a bucket of its own: its KPIs are taken as it is read, and nothing of it is kept. */
    private Result direct(RollupTable table, KpiQuery q, Windows w, long[] days, ZoneId zone, KpiMath.Shape shape) {
        int n = end - first;
        Map<String, KpiBucket[]> buckets = new HashMap<>();
        Map<String, Cell> totals = new HashMap<>();
        table.read(w.source(), q.scope(), q.key(), w.starts()[first], w.starts()[end], new Cell(), (bucket, key, cell) -> {
            int i = w.indexOf(bucket) - first;
            if (i >= 0 && i < n) {
                buckets.computeIfAbsent(key, k -> new KpiBucket[n])[i] = new KpiBucket(time(bucket, zone),
                        KpiMath.of(cell, shape));
                if (days == null || bucket < days[0] || bucket >= days[1]) {
                    totals.computeIfAbsent(key, k -> new Cell()).merge(cell);
                }
            }
        });
        return new Result(buckets, totals);
    }

    /** Buckets made of several rows (days of hours in another zone than the server's): summed first. */
    private Result merged(RollupTable table, KpiQuery q, Windows w, long[] days, ZoneId zone, KpiMath.Shape shape) {
        int n = end - first;
        Map<String, Cell[]> byKey = new HashMap<>();
        table.read(w.source(), q.scope(), q.key(), w.starts()[first], w.starts()[end], null, (bucket, key, cell) -> {
            int i = w.indexOf(bucket) - first;
            if (i >= 0 && i < n) {
                Cell[] cells = byKey.computeIfAbsent(key, k -> new Cell[n]);
                if (cells[i] == null) {
                    cells[i] = cell;
                } else {
                    cells[i].merge(cell);
                }
            }
        });
        Map<String, KpiBucket[]> buckets = new HashMap<>();
        Map<String, Cell> totals = new HashMap<>();
        for (Map.Entry<String, Cell[]> e : byKey.entrySet()) {
            KpiBucket[] out = new KpiBucket[n];
            Cell total = new Cell();
            for (int i = 0; i < n; i++) {
                Cell c = e.getValue()[i];
                long start = w.starts()[first + i];
                if (c != null && (days == null || start < days[0] || start >= days[1])) {
                    total.merge(c);
                }
                out[i] = c == null ? null : new KpiBucket(time(start, zone), KpiMath.of(c, shape));
            }
            buckets.put(e.getKey(), out);
            totals.put(e.getKey(), total);
        }
        return new Result(buckets, totals);
    }

    /** @return the part's buckets for a key that had no row in it */
    KpiBucket[] empty(Windows w, Kpis none, ZoneId zone) {
        KpiBucket[] out = new KpiBucket[end - first];
        for (int i = 0; i < out.length; i++) {
            out[i] = new KpiBucket(time(w.starts()[first + i], zone), none);
        }
        return out;
    }

    static OffsetDateTime time(long epochSecond, ZoneId zone) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toOffsetDateTime();
    }
}
