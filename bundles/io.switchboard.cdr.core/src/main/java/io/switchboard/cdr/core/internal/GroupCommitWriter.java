package io.switchboard.cdr.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

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
    private final Function<List<CallRecord>, StoreResult> insert;
    private final Consumer<List<CallRecord>> afterCommit;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean running = true;

    GroupCommitWriter(Function<List<CallRecord>, StoreResult> insert, Consumer<List<CallRecord>> afterCommit,
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
        // Ids are given here so that, after the batch, each record's fate is known: its own id back means stored.
        List<CallRecord> withIds = new ArrayList<>(records.size());
        for (CallRecord r : records) {
            withIds.add(r.id() == null ? r.withId(timeOrderedId()) : r);
        }
        Pending p = new Pending(withIds, new CompletableFuture<>());
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

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * A UUID in the version 7 layout: milliseconds first, then random bits. New ids sort after
     * old ones, so the database's id index grows at its end instead of being rewritten all over.
     */
    static String timeOrderedId() {
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
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
        StoreResult result;
        try {
            result = insert.apply(all);
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        List<CallRecord> stored = new ArrayList<>();
        int at = 0;
        for (Pending p : batch) {
            List<String> ids = result.ids().subList(at, at + p.records().size());
            int newOnes = 0;
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i).equals(p.records().get(i).id())) {
                    newOnes++;
                    stored.add(p.records().get(i));
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
