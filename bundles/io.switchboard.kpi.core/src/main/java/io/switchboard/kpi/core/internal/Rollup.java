package io.switchboard.kpi.core.internal;

import java.util.HashMap;
import java.util.Map;

import io.switchboard.kpi.api.Scope;
import io.switchboard.kpi.core.internal.RollupTable.Key;

/**
 * What records add to the rollups, gathered in memory until they are merged into the table in one
 * go: records that arrive together touch the same few buckets, so many records cost one row write.
 * Not thread-safe: the rollup thread owns it.
 */
final class Rollup {

    /** A call in progress counts towards the peaks of at most a day of buckets after its start. */
    static final long LONGEST_SPAN = 86_400;

    private final Days days;
    private final Map<Key, Cell> fiveMinutes = new HashMap<>();
    private final Map<Key, Cell> longer = new HashMap<>();
    private int records;

    Rollup(Days days) {
        this.days = days;
    }

    int records() {
        return records;
    }

    void add(Facts f) {
        records++;
        long five = f.start() - Math.floorMod(f.start(), 300);
        long hour = f.start() - Math.floorMod(f.start(), 3600);
        long day = days.startOf(f.start());
        long end = Math.min(Math.max(f.end(), f.start() + 1), f.start() + LONGEST_SPAN);
        var keys = f.keys();
        for (int i = 0; i < keys.size(); i += 2) {
            Scope scope = (Scope) keys.get(i);
            String key = (String) keys.get(i + 1);
            QueueSums.Caller caller = scope == Scope.QUEUE ? f.queue() : null;
            add(cell(longer, RollupTable.H1, scope, hour, key), f, caller);
            add(cell(longer, RollupTable.D1, scope, day, key), f, caller);
            if (!scope.fine()) {
                continue;
            }
            Cell c5 = cell(fiveMinutes, RollupTable.M5, scope, five, key);
            add(c5, f, caller);
            c5.started((int) (f.start() - five));
            for (long b = five; b < end; b += 300) {
                Cell c = b == five ? c5 : cell(fiveMinutes, RollupTable.M5, scope, b, key);
                c.inProgress((int) (Math.max(f.start(), b) - b), (int) (Math.min(end, b + 300) - b));
            }
        }
    }

    /** Merges what was gathered into the table and starts again. */
    void flush(RollupTable table) {
        if (records == 0) {
            return;
        }
        for (Cell c : fiveMinutes.values()) {
            c.settle();
        }
        try {
            table.merge(fiveMinutes, longer, days::startOf);
        } finally {
            // a failed write is not tried again: the next start finds the rollups short and rebuilds them
            fiveMinutes.clear();
            longer.clear();
            records = 0;
        }
    }

    private static void add(Cell cell, Facts f, QueueSums.Caller caller) {
        cell.add(f);
        if (caller != null) {
            cell.add(caller);
        }
    }

    private static Cell cell(Map<Key, Cell> cells, String gran, Scope scope, long bucket, String key) {
        return cells.computeIfAbsent(new Key(gran, scope, bucket, key), k -> new Cell());
    }
}
