package io.switchboard.sip.core.internal.registrar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.switchboard.sip.core.internal.registrar.SipStore.Binding;
import io.switchboard.sip.core.internal.registrar.SipStore.ContactUpdate;
import io.switchboard.sip.core.internal.registrar.SipStore.Outcome;
import io.switchboard.sip.core.internal.registrar.SipStore.Registration;
import io.switchboard.store.api.StoreException;
import io.switchboard.store.commit.GroupCommit;

/**
 * The registrar's bindings written in batches through a {@link GroupCommit}: each REGISTER checked
 * and applied against the bindings as they are when its batch is committed, the batches committed
 * one at a time in arrival order by the SIP threads that find one due, or by the commit's timer.
 */
public final class BindingsWriter {

    static final int BATCH_MAX = 500;
    static final long BATCH_LINGER_NANOS = 20_000_000;

    private final DataSource db;
    private final GroupCommit<Registration, Outcome> commits;
    private final AtomicLong bindingWrites = new AtomicLong();

    /** @param lingerNanos how long a batch of binding writes may wait for more before its commit */
    BindingsWriter(DataSource db, long lingerNanos) {
        this.db = db;
        this.commits = new GroupCommit<>("sip-bindings", BATCH_MAX, Duration.ofNanos(lingerNanos),
                this::commitBatch);
    }

    /**
     * Checks and applies a REGISTER in the next batch of binding changes. Batches are taken and
     * committed one at a time, in the order the REGISTERs came, so two REGISTERs of a user never
     * decide on the same stale bindings; a batch reads the bindings of all its users in one query and
     * commits its changes together: a database read and commit per registration on the SIP threads
     * made the database the registrar's limit.
     *
     * @return completed once the change is committed (on the thread that committed it: what depends
     *         on it must be quick), or failed with a {@link StoreException}
     */
    CompletableFuture<Outcome> registerLater(Registration r) {
        return commits.submit(r);
    }

    /** @return how long the oldest registration not yet taken into a batch has waited, in milliseconds */
    long backlogMillis() {
        return commits.backlogMillis();
    }

    /** @return bindings written or removed by the group commit, and how many commits that took */
    long[] bindingWriteCounts() {
        return new long[] { bindingWrites.get(), commits.commits() };
    }

    /**
     * A batch in one transaction; alone (the group commit writes a failed batch again one by one) a
     * primary-key race with another server is retried once, and a failure named for its user.
     */
    private List<Outcome> commitBatch(List<Registration> batch) throws SQLException {
        if (batch.size() > 1) {
            return commitTogether(batch);
        }
        Registration r = batch.get(0);
        for (int attempt = 0;; attempt++) {
            try {
                return commitTogether(batch);
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
                List<Outcome> outcomes = new ArrayList<>(registrations.size());
                for (Registration r : registrations) {
                    outcomes.add(apply(r, current.computeIfAbsent(r.username(), u -> new HashMap<>()), w));
                }
                w.flush();
                c.commit();
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

    private static final Comparator<Binding> BEST_FIRST = Comparator
            .comparing((Binding b) -> b.q() == null ? -1.0 : b.q()).reversed()
            .thenComparing(Binding::registered, Comparator.reverseOrder());

    private static List<Binding> sorted(Map<String, Binding> bindings) {
        List<Binding> out = new ArrayList<>(bindings.values());
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
