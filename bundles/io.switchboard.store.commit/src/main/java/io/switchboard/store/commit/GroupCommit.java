package io.switchboard.store.commit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * Group commit: items submitted from any thread are written in batches, one transaction per
 * batch, in the order they came, one batch at a time. A batch is due when its first item has
 * waited the linger, or when it holds {@code maxBatch} units (an item weighs what its weigher
 * says: a list of call records its size). The threads that submit commit a due batch themselves,
 * so that under load the batches get the CPU of the threads that make them and no item changes
 * thread on its way to the database; a timer thread commits only what no later submitter came to
 * commit. (With one writer thread behind a queue, sixteen busy SIP threads left it a seventeenth
 * of the CPU near capacity and it fell behind; docs/benchmarks.md.)
 * <p>
 * A batch the writer fails is written again item by item, so that one bad item fails only its own
 * future. Futures complete on the thread that committed, after the batch's lock is released: what
 * depends on them must be quick.
 *
 * @param <T> what is written
 * @param <R> each item's result
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    /** Writes a batch. */
    @FunctionalInterface
    public interface Writer<T, R> {
        /**
         * @param items one or more items, in the order they were submitted
         * @return each item's result, in the same order, once all are committed in one transaction
         * @throws Exception when the transaction is rolled back: nothing of the batch is written
         */
        List<R> write(List<T> items) throws Exception;
    }

    private record Pending<T, R>(T item, int weight, CompletableFuture<R> done, long queued) {
    }

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String name;
    private final int maxBatch;
    private final long lingerNanos;
    private final ToIntFunction<T> weigher;
    private final Writer<T, R> writer;
    private final ConcurrentLinkedQueue<Pending<T, R>> pending = new ConcurrentLinkedQueue<>();
    /** units in {@link #pending} (its size() walks the queue) */
    private final AtomicInteger queued = new AtomicInteger();
    /** held while a batch is taken from the queue and written */
    private final ReentrantLock committing = new ReentrantLock();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private Thread timer;
    private volatile boolean closed;

    /**
     * @param name names the timer thread ({@code switchboard-<name>}) and the errors
     * @param maxBatch the units a batch holds at most; a full batch is due at once
     * @param linger how long a batch's first item waits for more; zero commits each submitter's at once
     */
    public GroupCommit(String name, int maxBatch, Duration linger, ToIntFunction<T> weigher, Writer<T, R> writer) {
        if (maxBatch < 1 || linger.isNegative()) {
            throw new IllegalArgumentException(name + ": maxBatch " + maxBatch + " and linger " + linger);
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.weigher = weigher;
        this.writer = writer;
    }

    /** Items of weight one. */
    public GroupCommit(String name, int maxBatch, Duration linger, Writer<T, R> writer) {
        this(name, maxBatch, linger, item -> 1, writer);
    }

    /**
     * @return completes with the item's result once its batch is committed, or exceptionally with
     *         the writer's exception (or {@link IllegalStateException} once closed)
     */
    public CompletableFuture<R> submit(T item) {
        CompletableFuture<R> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException(name + " is closed"));
            return done;
        }
        int weight = Math.max(1, weigher.applyAsInt(item));
        pending.add(new Pending<>(item, weight, done, System.nanoTime()));
        boolean wasEmpty = queued.getAndAdd(weight) == 0;
        commitIfDue(); // before the timer is woken: a batch due now is the submitter's to commit
        if (wasEmpty) {
            wakeTimer();
        }
        if (closed) {
            commitAll(); // close() may have drained the queue before this item was in it
        }
        return done;
    }

    /** @return how long the oldest item not yet in a batch has waited, in milliseconds */
    public long backlogMillis() {
        Pending<T, R> oldest = pending.peek();
        return oldest == null ? 0 : (System.nanoTime() - oldest.queued()) / 1_000_000;
    }

    /** @return items written since start */
    public long items() {
        return items.get();
    }

    /** @return transactions committed since start (a batch written again item by item counts each) */
    public long commits() {
        return commits.get();
    }

    /** Commits what is queued on the calling thread and stops the timer; later submits fail. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = timer;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(5000); // never interrupted: H2 closes the whole database when a writing thread is
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        commitAll();
    }

    private void commitAll() {
        while (!pending.isEmpty()) {
            committing.lock();
            commitBatchLocked();
        }
    }

    private boolean due(Pending<T, R> oldest) {
        return oldest != null && (queued.get() >= maxBatch || System.nanoTime() - oldest.queued() >= lingerNanos);
    }

    /**
     * Commits batches while one is due, unless another thread is committing: the caller's item is
     * then in that batch or a later one, which that thread, a later submitter or the timer commits.
     */
    private void commitIfDue() {
        while (due(pending.peek()) && committing.tryLock()) {
            commitBatchLocked();
        }
    }

    /** Takes the next batch, writes it, releases the lock, then completes the batch's futures. */
    private void commitBatchLocked() {
        List<Pending<T, R>> batch = new ArrayList<>();
        List<R> results;
        try {
            int units = 0;
            for (Pending<T, R> p; units < maxBatch && (p = pending.poll()) != null;) {
                batch.add(p);
                units += p.weight();
                queued.addAndGet(-p.weight());
            }
            if (batch.isEmpty()) {
                return;
            }
            results = writeBatch(batch);
        } finally {
            committing.unlock();
        }
        for (int i = 0; i < batch.size(); i++) {
            R r = results.get(i);
            if (!batch.get(i).done().isDone()) {
                batch.get(i).done().complete(r);
            }
        }
    }

    /** @return each item's result; an item the writer refused alone has its future failed already */
    private List<R> writeBatch(List<Pending<T, R>> batch) {
        try {
            List<R> results = write(batch.stream().map(Pending::item).toList());
            items.addAndGet(batch.size());
            return results;
        } catch (Exception together) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(together);
                return Collections.singletonList(null);
            }
        }
        List<R> results = new ArrayList<>(batch.size());
        for (Pending<T, R> p : batch) {
            try {
                results.add(write(List.of(p.item())).get(0));
                items.incrementAndGet();
            } catch (Exception alone) {
                results.add(null);
                p.done().completeExceptionally(alone);
            }
        }
        return results;
    }

    private List<R> write(List<T> batch) throws Exception {
        List<R> results = writer.write(batch);
        commits.incrementAndGet();
        if (results.size() != batch.size()) {
            throw new IllegalStateException(name + ": " + results.size() + " results for " + batch.size() + " items");
        }
        return results;
    }

    /** Starts the timer if it is not running, else wakes it: the queue had been empty. */
    private synchronized void wakeTimer() {
        if (timer == null) {
            timer = new Thread(this::timerLoop, "switchboard-" + name);
            timer.setDaemon(true);
            timer.start();
        } else {
            LockSupport.unpark(timer);
        }
    }

    /**
     * Commits the batches no submitter came to commit: wakes when the oldest item is due, and ends
     * after a minute without any (the next submit starts it again).
     */
    private void timerLoop() {
        long idleSince = System.nanoTime();
        while (!closed) {
            Pending<T, R> oldest = pending.peek();
            long now = System.nanoTime();
            if (oldest == null) {
                synchronized (this) {
                    if (pending.isEmpty() && now - idleSince > IDLE_NANOS) {
                        timer = null;
                        return;
                    }
                }
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            idleSince = now;
            if (!due(oldest)) {
                LockSupport.parkNanos(this, oldest.queued() + lingerNanos - now);
            } else {
                committing.lock();
                commitBatchLocked();
            }
        }
    }
}
