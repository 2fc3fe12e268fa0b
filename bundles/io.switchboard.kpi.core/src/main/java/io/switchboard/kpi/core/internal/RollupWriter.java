package io.switchboard.kpi.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.switchboard.cdr.api.CallRecord;

/**
 * The one thread that writes the rollups: stored records, a rebuild's records and the retention's
 * deletions go through its queue in order. A full queue holds the CDR pipeline back, as a slow
 * search index does.
 */
final class RollupWriter implements AutoCloseable {

    private static final Logger LOG = System.getLogger(RollupWriter.class.getName());
    /** How many of the records a rebuild read last it remembers: live records that it read too are skipped. */
    private static final int RECENTLY_SCANNED = 200_000;
    /** Past this many stored records summed, they are written at once: it bounds the memory. */
    private static final int FLUSH_RECORDS = 200_000;
    /** A rebuild writes every this many records: one transaction of weeks of rows would grow H2's undo log. */
    private static final int REBUILD_FLUSH_RECORDS = 50_000;

    private final RollupTable table;
    private final Days days;
    private final Destinations destinations;
    private final long flushNanos;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(64);
    private final Thread thread;
    private final Rollup rollup;
    private volatile boolean running = true;
    private long lastFlush = System.nanoTime();
    /** While a rebuild runs: ids of live records counted, and of the records the rebuild read last. */
    private Set<String> liveIds;
    private LinkedHashSet<String> scanned;

    RollupWriter(RollupTable table, Days days, Destinations destinations, long flushMillis) {
        this.table = table;
        this.days = days;
        this.destinations = destinations;
        this.flushNanos = flushMillis * 1_000_000L;
        this.rollup = new Rollup(days);
        this.thread = new Thread(this::run, "switchboard-kpi-rollups");
        thread.setDaemon(true);
        thread.start();
    }

    /** Records just stored. */
    void stored(List<CallRecord> records) {
        put(() -> {
            for (CallRecord r : records) {
                if (liveIds != null) {
                    if (scanned.contains(r.id())) {
                        continue;
                    }
                    liveIds.add(r.id());
                }
                rollup.add(Facts.of(r, destinations));
            }
        });
    }

    /** Runs a task on the writer thread after what is queued, and waits for it. */
    <T> T call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        put(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    /**
     * Empties the rollups and counts every record again, as {@code scan} hands them over; records
     * stored meanwhile count once. @return records the scan counted
     */
    long rebuild(Consumer<Consumer<List<CallRecord>>> scan) {
        call(() -> {
            rollup.flush(table);
            table.clear();
            liveIds = new HashSet<>();
            scanned = new LinkedHashSet<>();
            return null;
        });
        long[] counted = { 0 };
        try {
            scan.accept(batch -> put(() -> {
                for (CallRecord r : batch) {
                    if (liveIds.contains(r.id())) {
                        continue;
                    }
                    scanned.add(r.id());
                    if (scanned.size() > RECENTLY_SCANNED) {
                        scanned.remove(scanned.iterator().next());
                    }
                    rollup.add(Facts.of(r, destinations));
                    counted[0]++;
                }
                if (rollup.records() >= REBUILD_FLUSH_RECORDS) {
                    flush();
                }
            }));
        } finally {
            call(() -> {
                flush();
                liveIds = null;
                scanned = null;
                return null;
            });
        }
        return counted[0];
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        // wakes a writer waiting on an empty queue, which otherwise sees the stop only after its poll's timeout
        queue.offer(() -> { });
        thread.join(30_000);
    }

    private void put(Runnable task) {
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while handing records to the KPI rollups", e);
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Runnable task = queue.poll(Math.max(1, flushNanos / 4), TimeUnit.NANOSECONDS);
                if (task != null) {
                    task.run();
                }
                if (rollup.records() > 0 && (System.nanoTime() - lastFlush >= flushNanos
                        || rollup.records() >= FLUSH_RECORDS || !running)) {
                    flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The records are in the database; the next start's check finds the rollups short and rebuilds them.
                LOG.log(Level.ERROR, "KPI rollups: " + e.getMessage(), e);
            }
        }
        flush();
    }

    private void flush() {
        try {
            rollup.flush(table);
        } finally {
            lastFlush = System.nanoTime();
        }
    }
}
