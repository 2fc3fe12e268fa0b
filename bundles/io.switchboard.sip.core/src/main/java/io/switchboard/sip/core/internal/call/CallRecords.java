package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrService;

/**
 * Hands the switch's call records to the CDR service's group commit from the thread that ends the
 * call ({@link CdrService#submit}: no thread of its own on the way), and tells the journal once
 * each is durable. Records wait here only while no CDR service is there or the store is failing:
 * in a bounded queue, retried every second; past {@link #CAPACITY} the oldest are dropped with a
 * warning rather than the switch running out of memory. A record the store keeps refusing while it
 * stores others is given up after {@link #ATTEMPTS} tries, logged with its reason.
 */
public final class CallRecords {

    static final int CAPACITY = 200_000;
    static final int ATTEMPTS = 3;
    private static final Logger LOG = System.getLogger(CallRecords.class.getName());

    private record Waiting(CallRecord record, int attempts, long handedBefore) {
    }

    private final LinkedBlockingDeque<Waiting> waiting = new LinkedBlockingDeque<>();
    private final Set<CallRecord> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService retry;
    private volatile CdrService cdr;
    private volatile Consumer<List<CallRecord>> onStored = stored -> {
    };
    private volatile Consumer<List<CallRecord>> onUnstored = unstored -> LOG.log(Level.WARNING,
            unstored.size() + " call record(s) not stored at stop");
    private volatile boolean closed;

    public CallRecords() {
        retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-sip-cdr-retry");
            t.setDaemon(true);
            return t;
        });
        retry.scheduleWithFixedDelay(this::submitWaiting, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * @param stored told of every record the CDR service has committed
     * @param unstored given the records no CDR service had committed by the end of {@link #close()}
     */
    public void journal(Consumer<List<CallRecord>> stored, Consumer<List<CallRecord>> unstored) {
        this.onStored = stored;
        this.onUnstored = unstored;
    }

    public void attach(CdrService service) {
        this.cdr = service;
        retry.execute(this::submitWaiting);
    }

    public void detach(CdrService service) {
        if (this.cdr == service) {
            this.cdr = null;
        }
    }

    public void add(CallRecord record) {
        CdrService service = cdr;
        if (service == null || closed) {
            hold(new Waiting(record, 0, handed.get()));
        } else {
            submit(service, new Waiting(record, 0, handed.get()));
        }
    }

    private void submit(CdrService service, Waiting w) {
        inFlight.add(w.record());
        CompletionStage<?> done;
        try {
            done = service.submit(List.of(w.record()));
        } catch (RuntimeException e) { // a service on its way out
            failed(w, e);
            inFlight.remove(w.record());
            return;
        }
        done.whenComplete((result, failure) -> {
            if (failure == null) {
                inFlight.remove(w.record());
                handed.incrementAndGet();
                onStored.accept(List.of(w.record()));
            } else {
                failed(w, failure);
                inFlight.remove(w.record());
            }
        });
    }

    /**
     * A record the store did not take: tried again in a second. One that failed {@link #ATTEMPTS}
     * times while the store took other records is the store's to refuse, not a store that is down.
     */
    private void failed(Waiting w, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (w.attempts() + 1 >= ATTEMPTS && handed.get() > w.handedBefore()) {
            refused.incrementAndGet();
            LOG.log(Level.ERROR, "Call record refused by the store, which stores the others: " + cause.getMessage()
                    + "; record " + w.record());
            return;
        }
        if (w.attempts() == 0) {
            LOG.log(Level.WARNING, "Cannot store a call record (will retry): " + cause.getMessage());
        }
        hold(new Waiting(w.record(), w.attempts() + 1, w.handedBefore()));
    }

    private void hold(Waiting w) {
        while (waiting.size() >= CAPACITY) {
            waiting.poll();
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.log(Level.WARNING, "No CDR service to take call records: dropped " + dropped.get() + " so far");
            }
        }
        waiting.add(w);
    }

    private void submitWaiting() {
        CdrService service = cdr;
        List<Waiting> now = new ArrayList<>();
        if (service != null && !closed) {
            waiting.drainTo(now);
            now.forEach(w -> submit(service, w));
        }
    }

    /** Puts its figures into the switch's status: records handed to the store, waiting, refused. */
    public void status(Map<String, Object> body) {
        body.put("recordsHandedToCdr", handed());
        body.put("recordsPending", pending());
        body.put("recordsRefused", refused());
    }

    public long handed() {
        return handed.get();
    }

    /** @return records not yet committed: waiting here, or handed over and not yet durable */
    public int pending() {
        return waiting.size() + inFlight.size();
    }

    /** @return records the store refused (each logged with its reason) since start */
    public long refused() {
        return refused.get();
    }

    /**
     * Waits a little for the records on their way to be committed, then gives the journal those that
     * were not: nothing waiting at stop is lost (one the CDR service commits after all is stored
     * once, as the store knows its call).
     */
    public void close() {
        closed = true;
        retry.shutdown();
        try {
            retry.awaitTermination(5, TimeUnit.SECONDS);
            CdrService service = cdr;
            List<Waiting> last = new ArrayList<>();
            waiting.drainTo(last);
            if (service != null) {
                last.forEach(w -> submit(service, w));
            } else {
                waiting.addAll(last);
            }
            for (int i = 0; i < 50 && !inFlight.isEmpty(); i++) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CallRecord> left = new ArrayList<>(inFlight);
        waiting.forEach(w -> left.add(w.record()));
        waiting.clear();
        if (!left.isEmpty()) {
            onUnstored.accept(left);
        }
    }
}
