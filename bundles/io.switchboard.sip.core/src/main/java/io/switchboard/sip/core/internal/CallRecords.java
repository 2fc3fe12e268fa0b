package io.switchboard.sip.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrService;

/**
 * Hands the switch's call records to the CDR service off the SIP threads, in batches (the service
 * commits each batch in one transaction). While no CDR service is there, records wait in a bounded
 * queue; past {@link #CAPACITY} the oldest are dropped with a warning rather than the switch
 * running out of memory.
 */
final class CallRecords {

    static final int CAPACITY = 200_000;
    private static final Logger LOG = System.getLogger(CallRecords.class.getName());

    private final LinkedBlockingQueue<CallRecord> queue = new LinkedBlockingQueue<>();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile CdrService cdr;
    private volatile boolean closed;

    CallRecords() {
        worker = new Thread(this::run, "switchboard-sip-cdr");
        worker.setDaemon(true);
        worker.start();
    }

    void attach(CdrService service) {
        this.cdr = service;
        synchronized (this) {
            notifyAll();
        }
    }

    void detach(CdrService service) {
        if (this.cdr == service) {
            this.cdr = null;
        }
    }

    void add(CallRecord record) {
        while (queue.size() >= CAPACITY) {
            queue.poll();
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.log(Level.WARNING, "No CDR service to take call records: dropped " + dropped.get() + " so far");
            }
        }
        queue.add(record);
    }

    long handed() {
        return handed.get();
    }

    int pending() {
        return queue.size();
    }

    void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void run() {
        while (!closed) {
            try {
                CdrService service = cdr;
                if (service == null) {
                    synchronized (this) {
                        wait(1000);
                    }
                    continue;
                }
                CallRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    store(service, first);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot store call records (will retry): " + e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void store(CdrService service, CallRecord first) {
        List<CallRecord> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, 999);
        try {
            service.store(batch);
            handed.addAndGet(batch.size());
        } catch (RuntimeException e) {
            // put them back in front for the next attempt
            List<CallRecord> rest = new ArrayList<>(queue);
            queue.clear();
            queue.addAll(batch);
            queue.addAll(rest);
            throw e;
        }
    }

    private void flush() {
        CdrService service = cdr;
        if (service != null && !queue.isEmpty()) {
            try {
                List<CallRecord> batch = new ArrayList<>();
                queue.drainTo(batch);
                service.store(batch);
                handed.addAndGet(batch.size());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Call records not stored at stop: " + e.getMessage());
            }
        }
    }
}
