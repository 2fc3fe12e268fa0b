package io.switchboard.cdr.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.StoreResult;
import io.switchboard.store.commit.GroupCommit;

/**
 * The call records' one way to the database: every caller's records join the next group commit
 * (one transaction for what came within the linger), the caller learns its own part of the
 * result, and the newly stored records are handed on (to the index) after the commit.
 */
final class GroupCommitWriter implements AutoCloseable {

    private final BiFunction<List<CallRecord>, Consumer<CallRecord>, StoreResult> insert;
    private final Consumer<List<CallRecord>> afterCommit;
    private final GroupCommit<List<CallRecord>, StoreResult> commits;

    /**
     * @param insert the store's insert: stores in one transaction, hands each new record (with its
     *        id) on after the commit, and answers with the id of every record given
     */
    GroupCommitWriter(BiFunction<List<CallRecord>, Consumer<CallRecord>, StoreResult> insert,
            Consumer<List<CallRecord>> afterCommit, int maxBatch, Duration linger) {
        this.insert = insert;
        this.afterCommit = afterCommit;
        this.commits = new GroupCommit<>("cdr-writer", maxBatch, linger, List::size, this::write);
    }

    CompletableFuture<StoreResult> submit(List<CallRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(new StoreResult(0, 0, List.of()));
        }
        return commits.submit(List.copyOf(records));
    }

    StoreResult store(List<CallRecord> records) {
        try {
            return submit(records).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private List<StoreResult> write(List<List<CallRecord>> batch) {
        List<CallRecord> all = new ArrayList<>();
        batch.forEach(all::addAll);
        List<CallRecord> stored = new ArrayList<>();
        StoreResult result = insert.apply(all, stored::add);
        // Which caller's records were new: of equal records the store stores the first in the order
        // given, so the first occurrence of a new id is the new record.
        Set<String> newIds = new HashSet<>();
        stored.forEach(r -> newIds.add(r.id()));
        List<StoreResult> results = new ArrayList<>(batch.size());
        int at = 0;
        for (List<CallRecord> records : batch) {
            List<String> ids = result.ids().subList(at, at + records.size());
            int newOnes = 0;
            for (String id : ids) {
                if (newIds.remove(id)) {
                    newOnes++;
                }
            }
            at += records.size();
            results.add(new StoreResult(newOnes, ids.size() - newOnes, ids));
        }
        if (!stored.isEmpty()) {
            afterCommit.accept(stored);
        }
        return results;
    }

    @Override
    public void close() {
        commits.close();
    }
}
