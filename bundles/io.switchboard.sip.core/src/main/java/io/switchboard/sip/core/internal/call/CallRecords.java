package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrService;

/**
 * Hands the switch's call records to the CDR service off the SIP threads, in batches (the service
 * commits each batch in one transaction). After the first record of a batch it lingers
 * {@link #LINGER_MILLIS} for more: the store writes its changed pages at every commit, and with a
 * commit per record the CDR writer took 0.42 ms of CPU a call at 400 calls/s, 0.11 ms with the
 * linger (releng/bench-calls-cpu.sh, docs/benchmarks.md); a call's record shows up that much later. While no CDR service is there, records wait in a bounded queue; past
 * {@link #CAPACITY} the oldest are dropped with a warning rather than the switch running out of
 * memory.
 */
public final class CallRecords {

    static final int CAPACITY = 200_000;
    static final int BATCH_MAX = 1000;
    static final long LINGER_MILLIS = 50;
    private static final Logger LOG = System.getLogger(CallRecords.class.getName());

    private final LinkedBlockingDeque<CallRecord> queue = new LinkedBlockingDeque<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile CdrService cdr;
    private volatile java.util.function.Consumer<List<CallRecord>> onStored = stored -> {
    };
    private volatile java.util.function.Consumer<List<CallRecord>> onUnstored = unstored -> LOG.log(Level.WARNING,
            unstored.size() + " call record(s) not stored at stop");
    private volatile boolean closed;

    private final long lingerMillis;

    /** @param lingerMillis how long a batch waits for more records after its first */
    public CallRecords(long lingerMillis) {
        this.lingerMillis = lingerMillis;
        worker = new Thread(this::run, "switchboard-sip-cdr");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * @param stored told of every batch the CDR service has stored
     * @param unstored given the records no CDR service took by the time of {@link #close()}
     */
    public void journal(java.util.function.Consumer<List<CallRecord>> stored,
            java.util.function.Consumer<List<CallRecord>> unstored) {
        this.onStored = stored;
        this.onUnstored = unstored;
    }

    public void attach(CdrService service) {
        this.cdr = service;
        synchronized (this) {
            notifyAll();
        }
    }

    public void detach(CdrService service) {
        if (this.cdr == service) {
            this.cdr = null;
        }
    }

    public void add(CallRecord record) {
        while (queue.size() >= CAPACITY) {
            queue.poll();
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.log(Level.WARNING, "No CDR service to take call records: dropped " + dropped.get() + " so far");
            }
        }
        queue.add(record);
    }

    public long handed() {
        return handed.get();
    }

    public int pending() {
        return queue.size();
    }

    public void close() {
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
        if (lingerMillis > 0 && queue.size() < BATCH_MAX - 1) {
            try {
                Thread.sleep(lingerMillis);
            } catch (InterruptedException stopping) {
                // store what is here now; the rest goes at close
            }
        }
        queue.drainTo(batch, BATCH_MAX - 1);
        try {
            service.store(batch);
            handed.addAndGet(batch.size());
            onStored.accept(batch);
        } catch (RuntimeException e) {
            storeOneByOne(service, batch, e);
        }
    }

    /**
     * A batch the store refused: each record is tried alone, so that one it cannot take never
     * holds back the others. When none goes in, the store itself is failing: the batch goes back
     * to the head of the queue, in order, for the next attempt.
     */
    private void storeOneByOne(CdrService service, List<CallRecord> batch, RuntimeException batchFailure) {
        List<CallRecord> failed = new ArrayList<>();
        List<RuntimeException> reasons = new ArrayList<>();
        for (CallRecord r : batch) {
            try {
                service.store(List.of(r));
                handed.incrementAndGet();
                onStored.accept(List.of(r));
            } catch (RuntimeException e) {
                failed.add(r);
                reasons.add(e);
            }
        }
        if (failed.size() == batch.size()) {
            for (int i = failed.size() - 1; i >= 0; i--) {
                queue.addFirst(failed.get(i));
            }
            throw batchFailure;
        }
        for (int i = 0; i < failed.size(); i++) {
            refused.incrementAndGet();
            CallRecord r = failed.get(i);
            LOG.log(Level.ERROR, "Call record refused by the store, the others of its batch were stored: "
                    + reasons.get(i).getMessage() + "; record " + r);
        }
    }

    /** @return records the store refused one by one since start (each logged with its reason) */
    public long refused() {
        return refused.get();
    }

    /** Stores what is left, else hands it to the journal: nothing waiting at stop is dropped. */
    private void flush() {
        CdrService service = cdr;
        List<CallRecord> batch = new ArrayList<>();
        queue.drainTo(batch);
        if (batch.isEmpty()) {
            return;
        }
        if (service != null) {
            try {
                service.store(batch);
                handed.addAndGet(batch.size());
                onStored.accept(batch);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Call records not stored at stop (kept for the next start): " + e.getMessage());
            }
        }
        onUnstored.accept(batch);
    }
}
