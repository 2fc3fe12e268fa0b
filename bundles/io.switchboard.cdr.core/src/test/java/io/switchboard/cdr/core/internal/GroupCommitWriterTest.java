package io.switchboard.cdr.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.StoreResult;

/** The group-commit logic against an in-memory table with the store's natural-key rule. */
class GroupCommitWriterTest {

    private static final Duration LINGER = Duration.ofMillis(20);

    /** Same contract as CdrStore.insert: one "transaction" per call, the id derived from (source, sourceId). */
    private static final class Table {
        final Map<String, String> byKey = new HashMap<>();
        final AtomicInteger transactions = new AtomicInteger();
        volatile boolean fail;

        synchronized StoreResult insert(List<CallRecord> records, Consumer<CallRecord> handOn) {
            if (fail) {
                throw new IllegalStateException("disk full");
            }
            transactions.incrementAndGet();
            List<String> ids = new ArrayList<>();
            List<CallRecord> added = new ArrayList<>();
            for (CallRecord r : records) {
                String id = r.source() + "/" + r.sourceId();
                if (byKey.putIfAbsent(id, id) == null) {
                    added.add(r.withId(id));
                }
                ids.add(id);
            }
            added.forEach(handOn);
            return new StoreResult(added.size(), records.size() - added.size(), ids);
        }
    }

    @Test
    void concurrentCallersShareTransactionsAndEachGetsItsOwnAnswer() throws Exception {
        Table table = new Table();
        List<CallRecord> indexed = new CopyOnWriteArrayList<>();
        try (GroupCommitWriter writer = new GroupCommitWriter(table::insert, indexed::addAll, 5000, LINGER)) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<StoreResult>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    StoreResult last = null;
                    for (int i = 0; i < 50; i++) {
                        last = writer.store(List.of(record(thread + "-" + i)));
                    }
                    return last;
                }));
            }
            go.countDown();
            for (Future<StoreResult> f : results) {
                assertEquals(1, f.get().stored());
            }
            pool.shutdown();
            assertEquals(800, table.byKey.size());
            // callers are answered before their records go to the index: the writer's last batch
            // may still be on its way there until the writer has stopped
            writer.close();
            assertEquals(800, indexed.size(), "every newly stored record is handed to the index once");
            assertTrue(table.transactions.get() < 800, "calls were grouped: " + table.transactions.get());
        }
    }

    @Test
    void duplicatesAreReportedWithTheStoredIdAndNotIndexedAgain() throws Exception {
        Table table = new Table();
        List<CallRecord> indexed = new CopyOnWriteArrayList<>();
        try (GroupCommitWriter writer = new GroupCommitWriter(table::insert, indexed::addAll, 5000, LINGER)) {
            StoreResult first = writer.store(List.of(record("a"), record("b")));
            StoreResult again = writer.store(List.of(record("b"), record("c"), record("c")));
            assertEquals(2, first.stored());
            assertEquals(1, again.stored());
            assertEquals(2, again.duplicates());
            assertEquals(first.ids().get(1), again.ids().get(0));
            assertEquals(again.ids().get(1), again.ids().get(2));
            // callers are answered before their records go to the index (see above)
            writer.close();
            assertEquals(3, indexed.size(), "b is indexed once although stored twice");
        }
    }

    @Test
    void aFailedTransactionFailsItsCallersAndTheWriterGoesOn() throws Exception {
        Table table = new Table();
        try (GroupCommitWriter writer = new GroupCommitWriter(table::insert, r -> { }, 5000, LINGER)) {
            table.fail = true;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.store(List.of(record("x"))));
            assertEquals("disk full", e.getMessage());
            table.fail = false;
            assertEquals(1, writer.store(List.of(record("x"))).stored());
        }
    }

    @Test
    void aSubmitterIsToldWhenItsRecordsAreDurableWithoutWaitingForIt() throws Exception {
        Table table = new Table();
        try (GroupCommitWriter writer = new GroupCommitWriter(table::insert, r -> { }, 5000, Duration.ofMillis(300))) {
            CompletableFuture<StoreResult> first = writer.submit(List.of(record("p")));
            CompletableFuture<StoreResult> second = writer.submit(List.of(record("q"), record("p")));
            assertFalse(first.isDone(), "returned before the commit, which lingers for more");
            assertEquals(1, first.get(5, TimeUnit.SECONDS).stored());
            StoreResult two = second.get(5, TimeUnit.SECONDS);
            assertEquals(1, two.stored());
            assertEquals(1, two.duplicates(), "p came in the same commit, first from the first submitter");
            assertEquals(1, table.transactions.get(), "both in one transaction");
        }
    }

    private static CallRecord record(String sourceId) {
        return new CallRecord(null, "test", sourceId, List.of(), Instant.parse("2026-11-01T00:00:00Z"), null, null,
                null, 0, "1", null, null, "2", null, null, null, null, null, Disposition.FAILED, 503, null, null,
                null, null, null, null);
    }
}
