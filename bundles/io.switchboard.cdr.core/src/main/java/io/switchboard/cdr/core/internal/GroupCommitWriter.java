package io.switchboard.cdr.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.BiFunction;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.StoreResult;

/**
 * Group commit: one writer thread takes whatever store requests are waiting (up to a batch
 * limit), writes them in one transaction, then answers each caller. Under load many calls share
 * a transaction; a lone call is written at once. Newly stored records are handed on (to the
 * index) after the commit.
 */
final class GroupCommitWriter implements AutoCloseable {

    private record Pending(List<CallRecord> records, CompletableFuture<StoreResult> done) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final BiFunction<List<CallRecord>, Consumer<CallRecord>, StoreResult> insert;
    private final Consumer<List<CallRecord>> afterCommit;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param insert the store's insert: stores in one transaction, hands each new record (with its
     *        id) on after the commit, and answers with the id of every record given
     */
    GroupCommitWriter(BiFunction<List<CallRecord>, Consumer<CallRecord>, StoreResult> insert,
            Consumer<List<CallRecord>> afterCommit,
            int maxBatch) {
        this.insert = insert;
        this.afterCommit = afterCommit;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, "switchboard-cdr-writer");
        thread.setDaemon(true);
        thread.start();
    }

    StoreResult store(List<CallRecord> records) {
        if (records.isEmpty()) {
            return new StoreResult(0, 0, List.of());
        }
        Pending p = new Pending(List.copyOf(records), new CompletableFuture<>());
        if (!running) {
            throw new IllegalStateException("The CDR service is stopping");
        }
        queue.add(p);
        try {
            return p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing call records", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int size = first.records().size();
                Pending next;
                while (size < maxBatch && (next = queue.poll()) != null) {
                    batch.add(next);
                    size += next.records().size();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        List<CallRecord> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.records()));
        List<CallRecord> stored = new ArrayList<>();
        StoreResult result;
        try {
            result = insert.apply(all, stored::add);
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        // Which caller's records were new: of equal records the store stores the first in the order
        // given, so the first occurrence of a new id is the new record.
        Set<String> newIds = new HashSet<>();
        stored.forEach(r -> newIds.add(r.id()));
        int at = 0;
        for (Pending p : batch) {
            List<String> ids = result.ids().subList(at, at + p.records().size());
            int newOnes = 0;
            for (String id : ids) {
                if (newIds.remove(id)) {
                    newOnes++;
                }
            }
            at += p.records().size();
            p.done().complete(new StoreResult(newOnes, ids.size() - newOnes, ids));
        }
        if (!stored.isEmpty()) {
            afterCommit.accept(stored);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }
}
