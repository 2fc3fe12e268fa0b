package io.switchboard.sip.core.internal.registrar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.switchboard.sip.core.internal.registrar.SipStore.Binding;
import io.switchboard.sip.core.internal.registrar.SipStore.ContactUpdate;
import io.switchboard.sip.core.internal.registrar.SipStore.Outcome;
import io.switchboard.sip.core.internal.registrar.SipStore.Registration;
import io.switchboard.store.api.StoreException;

/**
 * The registrar's bindings written in batches (group commit): each REGISTER checked and applied
 * against the bindings as they are when its batch is committed, the batches committed one at a
 * time in arrival order by the SIP threads that find one due, or by a timer thread.
 */
public final class BindingsWriter {

    private final DataSource db;
    private final long lingerNanos;

    /** @param lingerNanos how long a batch of binding writes may wait for more before its commit */
    BindingsWriter(DataSource db, long lingerNanos) {
        this.db = db;
        this.lingerNanos = lingerNanos;
    }

    /**
     * Checks and applies a REGISTER in the next batch of binding changes. Batches are taken and
     * committed one at a time, in the order the REGISTERs came, so two REGISTERs of a user never
     * decide on the same stale bindings; a batch reads the bindings of all its users in one query and
     * commits its changes together (group commit): a database read and commit per registration on
     * the SIP threads made the database the registrar's limit.
     * <p>
     * A batch is due when its first REGISTER has waited the linger, or when it is full. The SIP
     * threads that queue REGISTERs commit a due batch themselves, so under load the batches get the
     * CPU of the threads that make them; a timer thread commits only what no later REGISTER came to
     * commit. (With one writer thread doing all batches, sixteen busy SIP threads left it a
     * seventeenth of the CPU near capacity: it fell behind, and REGISTERs were turned away with 503
     * while the processor still had room; docs/benchmarks.md.)
     *
     * @return completed once the change is committed (on the thread that committed it: what depends
     *         on it must be quick), or failed with a {@link StoreException}
     */
    java.util.concurrent.CompletableFuture<Outcome> registerLater(Registration r) {
        Pending p = new Pending(r, new java.util.concurrent.CompletableFuture<>(), System.nanoTime());
        pending.add(p);
        ensureTimer(queued.getAndIncrement() == 0);
        commitIfDue();
        return p.done();
    }

    private record Pending(Registration registration, java.util.concurrent.CompletableFuture<Outcome> done,
            long queued) {
    }

    /** @return how long the oldest registration not yet taken into a batch has waited, in milliseconds */
    long backlogMillis() {
        Pending oldest = pending.peek();
        return oldest == null ? 0 : (System.nanoTime() - oldest.queued()) / 1_000_000;
    }

    private final java.util.concurrent.atomic.AtomicLong bindingWrites = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong bindingCommits = new java.util.concurrent.atomic.AtomicLong();

    /** @return bindings written or removed by the group commit, and how many commits that took */
    long[] bindingWriteCounts() {
        return new long[] { bindingWrites.get(), bindingCommits.get() };
    }

    static final int BATCH_MAX = 500;
    static final long BATCH_LINGER_NANOS = 20_000_000;

    private final java.util.concurrent.ConcurrentLinkedQueue<Pending> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** how many REGISTERs are in {@link #pending} (its size() counts them one by one) */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    /** held while a batch is taken from the queue and committed */
    private final java.util.concurrent.locks.ReentrantLock committing = new java.util.concurrent.locks.ReentrantLock();
    private Thread timer;

    /** Starts the timer thread if it is not running, and wakes it if the queue was empty. */
    private void ensureTimer(boolean wasEmpty) {
        Thread t = timer;
        if (t == null || !t.isAlive()) {
            synchronized (this) {
                if (timer == null || !timer.isAlive()) {
                    timer = new Thread(this::timerLoop, "switchboard-sip-bindings");
                    timer.setDaemon(true);
                    timer.start();
                    return;
                }
                t = timer;
            }
        }
        if (wasEmpty) {
            java.util.concurrent.locks.LockSupport.unpark(t); // it waits for a first REGISTER
        }
    }

    private boolean due(Pending oldest) {
        return oldest != null && (System.nanoTime() - oldest.queued() >= lingerNanos || queued.get() >= BATCH_MAX);
    }

    /**
     * Commits a batch if one is due, unless another thread is committing one: each caller's own
     * REGISTER is then in that batch or the next, which that thread or a later caller commits.
     */
    private void commitIfDue() {
        while (due(pending.peek()) && committing.tryLock()) {
            commitBatchLocked();
        }
    }

    /** Takes the next batch, commits it, releases the lock, then completes the batch's REGISTERs. */
    private void commitBatchLocked() {
        List<Pending> batch = new java.util.ArrayList<>();
        List<Outcome> outcomes;
        try {
            for (Pending p; batch.size() < BATCH_MAX && (p = pending.poll()) != null;) {
                batch.add(p);
                queued.decrementAndGet();
            }
            if (batch.isEmpty()) {
                return;
            }
            outcomes = commitBatch(batch);
        } finally {
            committing.unlock();
        }
        for (int i = 0; i < batch.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o != null) {
                batch.get(i).done().complete(o);
            }
        }
    }

    /**
     * @return the outcome of each REGISTER of the batch, or null for those whose future was failed
     *         because their change could not be stored
     */
    private List<Outcome> commitBatch(List<Pending> batch) {
        try {
            return commitTogether(batch.stream().map(Pending::registration).toList());
        } catch (SQLException | RuntimeException e) {
            // one by one, so that one bad write fails only its own REGISTER
        }
        List<Outcome> outcomes = new java.util.ArrayList<>(batch.size());
        for (Pending p : batch) {
            try {
                outcomes.add(registerNow(p.registration()));
            } catch (RuntimeException e) {
                outcomes.add(null);
                p.done().completeExceptionally(e);
            }
        }
        return outcomes;
    }

    /**
     * Commits the batches no REGISTER came to commit: wakes when the oldest queued REGISTER is due,
     * and ends after a minute without any (the next REGISTER starts it again).
     */
    private void timerLoop() {
        long idleSince = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            Pending oldest = pending.peek();
            long now = System.nanoTime();
            if (oldest == null) {
                synchronized (this) {
                    if (pending.isEmpty() && now - idleSince > java.util.concurrent.TimeUnit.SECONDS.toNanos(60)) {
                        timer = null;
                        return;
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(this, java.util.concurrent.TimeUnit.SECONDS.toNanos(60));
                continue;
            }
            idleSince = now;
            if (!due(oldest)) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, oldest.queued() + lingerNanos - now);
            } else {
                committing.lock();
                commitBatchLocked();
            }
        }
    }

    /** One registration in its own transaction; a primary-key race with another server is retried once. */
    private Outcome registerNow(Registration r) {
        for (int attempt = 0;; attempt++) {
            try {
                return commitTogether(List.of(r)).get(0);
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState()) || attempt > 0) {
                    throw new StoreException("Cannot store the registration of '" + r.username() + "': "
                            + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Reads the live bindings of the registrations' users, decides and applies each registration
     * in turn, and commits them all in one transaction (rolled back if any statement fails).
     */
    private List<Outcome> commitTogether(List<Registration> registrations) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (BindingWrites w = new BindingWrites(c)) {
                Map<String, Map<String, Binding>> current = liveBindings(c,
                        registrations.stream().map(Registration::username).distinct().toList(), Instant.now());
                List<Outcome> outcomes = new java.util.ArrayList<>(registrations.size());
                for (Registration r : registrations) {
                    outcomes.add(apply(r, current.computeIfAbsent(r.username(), u -> new HashMap<>()), w));
                }
                w.flush();
                c.commit();
                bindingCommits.incrementAndGet();
                bindingWrites.addAndGet(w.rows);
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * RFC 3261 10.3 steps 6 to 8 against the user's live bindings, which it updates as it changes
     * them in the database.
     */
    private static Outcome apply(Registration r, Map<String, Binding> current, BindingWrites w) {
        if (r.removeAll()) {
            for (Binding b : List.copyOf(current.values())) {
                if (!b.callId().equals(r.callId()) || r.cseq() > b.cseq()) {
                    w.delete(r.username(), b.contact());
                    current.remove(b.contact());
                }
            }
            return new Outcome(sorted(current), 0, null);
        }
        // a device that registers again from elsewhere (Wi-Fi to LTE) replaces its own binding (RFC 5626 section 6)
        List<Binding> replaced = current.values().stream()
                .filter(b -> r.contacts().stream().anyMatch(u -> u.expires() > 0 && u.replaces(b))).toList();
        int after = current.size() - replaced.size();
        for (ContactUpdate u : r.contacts()) {
            Binding existing = current.get(u.contact());
            if (existing != null && existing.callId().equals(r.callId()) && r.cseq() <= existing.cseq()) {
                return Outcome.refused(500, "Out-of-order REGISTER (CSeq " + r.cseq() + " not above " + existing.cseq()
                        + ")");
            }
            after += existing == null ? (u.expires() > 0 ? 1 : 0) : (u.expires() > 0 ? 0 : -1);
        }
        if (after > r.maxContacts() && after > current.size()) {
            return Outcome.refused(403, "At most " + r.maxContacts() + " registered contacts per user");
        }
        for (Binding b : replaced) {
            w.delete(r.username(), b.contact());
            current.remove(b.contact());
        }
        for (ContactUpdate u : r.contacts()) {
            if (u.expires() == 0) {
                if (current.remove(u.contact()) != null) {
                    w.delete(r.username(), u.contact());
                }
            } else {
                Binding b = new Binding(r.username(), u.contact(), r.now().plusSeconds(u.expires()), u.q(), r.callId(),
                        r.cseq(), r.source(), r.userAgent(), r.now(), u.instanceId(), u.regId(), r.path());
                w.upsert(b);
                current.put(u.contact(), b);
            }
        }
        return new Outcome(sorted(current), 0, null);
    }

    private static final java.util.Comparator<Binding> BEST_FIRST = java.util.Comparator
            .comparing((Binding b) -> b.q() == null ? -1.0 : b.q()).reversed()
            .thenComparing(Binding::registered, java.util.Comparator.reverseOrder());

    private static List<Binding> sorted(Map<String, Binding> bindings) {
        List<Binding> out = new java.util.ArrayList<>(bindings.values());
        out.sort(BEST_FIRST);
        return out;
    }

    /**
     * The live bindings of these users, read in one query per 100 users (the IN list padded to a
     * few fixed lengths, so that the database sees a handful of distinct statements).
     */
    private static Map<String, Map<String, Binding>> liveBindings(Connection c, List<String> users, Instant now)
            throws SQLException {
        Map<String, Map<String, Binding>> out = new HashMap<>();
        for (int from = 0; from < users.size(); from += 100) {
            List<String> chunk = users.subList(from, Math.min(users.size(), from + 100));
            int slots = chunk.size() <= 1 ? 1 : chunk.size() <= 10 ? 10 : 100;
            StringBuilder sql = new StringBuilder(SipStore.BINDING_COLUMNS).append(" WHERE expires_at > ? AND username IN (?");
            sql.append(",?".repeat(slots - 1)).append(')');
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setTimestamp(1, Timestamp.from(now));
                for (int i = 0; i < slots; i++) {
                    ps.setString(2 + i, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Binding b = SipStore.binding(rs);
                        out.computeIfAbsent(b.username(), u -> new HashMap<>()).put(b.contact(), b);
                    }
                }
            }
        }
        return out;
    }
}
