package io.switchboard.messaging.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.switchboard.messaging.api.TextMessage;

/**
 * Writes the history of messages that were never stored (delivered at once, or refused) in batches,
 * one transaction each, off the SIP threads: a commit per message was most of a relayed message's
 * cost (docs/benchmarks.md). A batch waits 100 ms for more after its first message; the writer
 * drains what is left when it stops.
 */
final class HistoryWriter {

    private static final Logger LOG = System.getLogger(HistoryWriter.class.getName());
    static final int BATCH = 500;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MessageTable table;
    private final Consumer<TextMessage> written;
    private final BlockingQueue<TextMessage> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread thread;
    private volatile boolean running = true;

    /** @param written told of each message once it is in the database, with its id */
    HistoryWriter(MessageTable table, Consumer<TextMessage> written) {
        this.table = table;
        this.written = written;
        this.thread = new Thread(this::run, "switchboard-message-history");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a message for the history; when the queue is full (the database is gone), it is written at once. */
    void add(TextMessage m) {
        if (!queue.offer(m)) {
            write(List.of(m));
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<TextMessage> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }

    private void run() {
        List<TextMessage> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                TextMessage first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // the batch waits for more a little: a commit per message cost more than the message itself
                long until = System.nanoTime() + LINGER_NANOS;
                while (batch.size() < BATCH) {
                    TextMessage next = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, BATCH - batch.size());
                }
                write(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<TextMessage> batch) {
        try {
            table.insertAll(batch).forEach(written);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot write the history of " + batch.size() + " text message(s): " + e.getMessage());
        }
    }
}
