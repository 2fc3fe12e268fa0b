package io.switchboard.store.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** The "database": what each transaction wrote, refusing any batch that holds a negative number. */
    private final List<List<Integer>> transactions = Collections.synchronizedList(new ArrayList<>());

    private List<String> write(List<Integer> batch) {
        if (batch.stream().anyMatch(i -> i < 0)) {
            throw new IllegalArgumentException("negative: " + batch);
        }
        transactions.add(List.copyOf(batch));
        return batch.stream().map(i -> "ok " + i).toList();
    }

    @Test
    void manyThreadsItemsShareTransactionsAndEachLearnsItsOwnResult() throws Exception {
        try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", 100, Duration.ofMillis(20), this::write)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<CompletableFuture<String>>> submitted = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int item = i;
                submitted.add(threads.submit(() -> commit.submit(item)));
            }
            for (int i = 0; i < 2000; i++) {
                assertEquals("ok " + i, submitted.get(i).get().get(10, TimeUnit.SECONDS));
            }
            threads.shutdown();
            assertEquals(2000, commit.items());
            assertEquals(2000, transactions.stream().mapToInt(List::size).sum(), "each item written once");
            assertTrue(transactions.size() < 200, "items shared transactions: " + transactions.size() + " for 2,000");
            assertTrue(transactions.stream().allMatch(t -> t.size() <= 100), "no batch over maxBatch");
        }
    }

    @Test
    void anItemTheWriterRefusesFailsAloneAndItsBatchIsWrittenWithoutIt() throws Exception {
        try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", 100, Duration.ofMillis(200), this::write)) {
            CompletableFuture<String> one = commit.submit(1);
            CompletableFuture<String> bad = commit.submit(-1);
            CompletableFuture<String> two = commit.submit(2);
            assertEquals("ok 1", one.get(5, TimeUnit.SECONDS));
            assertEquals("ok 2", two.get(5, TimeUnit.SECONDS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("negative"), e.getCause().toString());
            assertEquals(List.of(List.of(1), List.of(2)), transactions, "written again one by one");
        }
    }

    @Test
    void aLoneItemIsCommittedByTheTimerOnceItsLingerIsOver() throws Exception {
        try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", 100, Duration.ofMillis(100), this::write)) {
            long t0 = System.nanoTime();
            CompletableFuture<String> lone = commit.submit(7);
            assertEquals("ok 7", lone.get(5, TimeUnit.SECONDS));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(waited >= 100, "waited its linger for company: " + waited + " ms");
            // and again after the timer has been idle
            assertEquals("ok 8", commit.submit(8).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFullBatchIsCommittedAtOnceByItsSubmitter() throws Exception {
        List<Thread> writers = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<List<Integer>, Integer> commit = new GroupCommit<>("test", 1000, Duration.ofSeconds(30), List::size,
                batch -> {
                    writers.add(Thread.currentThread());
                    return batch.stream().map(List::size).toList();
                })) {
            List<Integer> thousand = Collections.nCopies(1000, 1);
            CompletableFuture<Integer> done = commit.submit(thousand);
            assertTrue(done.isDone(), "a batch of maxBatch units waits no linger");
            assertEquals(1000, done.get());
            assertEquals(List.of(Thread.currentThread()), writers, "written on the submitting thread");
        }
    }

    @Test
    void closeCommitsWhatWaitsAndLaterItemsAreRefused() throws Exception {
        GroupCommit<Integer, String> commit = new GroupCommit<>("test", 100, Duration.ofSeconds(30), this::write);
        CompletableFuture<String> waiting = commit.submit(3);
        assertTrue(!waiting.isDone(), "lingers");
        commit.close();
        assertEquals("ok 3", waiting.getNow(null));
        ExecutionException e = assertThrows(ExecutionException.class, () -> commit.submit(4).get());
        assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
        assertEquals(List.of(List.of(3)), transactions);
    }
}
