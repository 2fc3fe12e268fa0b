package io.switchboard.sip.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.store.api.Store;
import io.switchboard.store.api.StoreException;

/**
 * The softswitch's state in the database: users (extensions) with digest hashes only, and the
 * registrar's bindings, so that both survive a restart and several servers can share them.
 */
@Component(service = SipStore.class)
public class SipStore {

    static final String CHANGELOG = "db/io.switchboard.sip.core.changelog.xml";
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    /** A user as admins see it: never a password or a hash. */
    record User(String username, String displayName, boolean enabled, Instant created) {
    }

    /** One registrar binding of a user to a contact. */
    record Binding(String username, String contact, Instant expiresAt, Double q, String callId, long cseq,
            String source, String userAgent, Instant registered) {
    }

    private final DataSource db;
    private final long lingerNanos;
    private final java.util.List<java.util.function.Consumer<String>> userChanges = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    public SipStore(@Reference Store store, BundleContext context) {
        store.migrate(context.getBundle(), CHANGELOG);
        this.db = store.dataSource();
        this.lingerNanos = BATCH_LINGER_NANOS;
    }

    SipStore(DataSource db) {
        this(db, BATCH_LINGER_NANOS);
    }

    /** @param lingerNanos how long a batch of binding writes may wait for more before its commit */
    SipStore(DataSource db, long lingerNanos) {
        this.db = db;
        this.lingerNanos = lingerNanos;
    }

    /** Tells {@code listener} the name of every user changed or removed through this store. */
    void onUserChange(java.util.function.Consumer<String> listener) {
        userChanges.add(listener);
    }

    void removeUserChangeListener(java.util.function.Consumer<String> listener) {
        userChanges.remove(listener);
    }

    DataSource dataSource() {
        return db;
    }

    // ---- users

    List<User> users() {
        return query("SELECT username, display_name, enabled, created FROM sb_sip_user ORDER BY username",
                ps -> {
                }, rs -> new User(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant()));
    }

    Optional<User> user(String username) {
        return query("SELECT username, display_name, enabled, created FROM sb_sip_user WHERE username = ?",
                ps -> ps.setString(1, username),
                rs -> new User(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant()))
                .stream().findFirst();
    }

    /** @return the stored HA1 for the algorithm when the user exists, is enabled and has that realm */
    Optional<String> ha1(String username, String realm, Digest.Algorithm algorithm) {
        String column = algorithm == Digest.Algorithm.MD5 ? "ha1_md5" : "ha1_sha256";
        return query("SELECT " + column + " FROM sb_sip_user WHERE username = ? AND realm = ? AND enabled",
                ps -> {
                    ps.setString(1, username);
                    ps.setString(2, realm);
                }, rs -> rs.getString(1)).stream().findFirst();
    }

    /** Creates a user or, when it exists, replaces its display name, password and enabled flag. */
    User saveUser(String username, String displayName, String password, String realm, boolean enabled) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("Invalid username '" + username
                    + "': 1 to 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit");
        }
        Optional<User> existing = user(username);
        if (existing.isEmpty() && (password == null || password.length() < 8)) {
            throw new IllegalArgumentException("The password of SIP user '" + username
                    + "' must have at least 8 characters");
        }
        if (password != null && password.length() < 8) {
            throw new IllegalArgumentException("The password of SIP user '" + username
                    + "' must have at least 8 characters");
        }
        try (Connection c = db.getConnection()) {
            if (existing.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_sip_user (username, display_name, realm, "
                        + "ha1_md5, ha1_sha256, enabled, created) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, username);
                    ps.setString(2, displayName);
                    ps.setString(3, realm);
                    ps.setString(4, Digest.ha1(Digest.Algorithm.MD5, username, realm, password));
                    ps.setString(5, Digest.ha1(Digest.Algorithm.SHA_256, username, realm, password));
                    ps.setBoolean(6, enabled);
                    ps.setTimestamp(7, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE sb_sip_user SET display_name = ?, enabled = ? WHERE username = ?")) {
                    ps.setString(1, displayName);
                    ps.setBoolean(2, enabled);
                    ps.setString(3, username);
                    ps.executeUpdate();
                }
                if (password != null) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE sb_sip_user SET realm = ?, ha1_md5 = ?, ha1_sha256 = ? WHERE username = ?")) {
                        ps.setString(1, realm);
                        ps.setString(2, Digest.ha1(Digest.Algorithm.MD5, username, realm, password));
                        ps.setString(3, Digest.ha1(Digest.Algorithm.SHA_256, username, realm, password));
                        ps.setString(4, username);
                        ps.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save SIP user '" + username + "': " + e.getMessage(), e);
        }
        userChanges.forEach(l -> l.accept(username));
        return user(username).orElseThrow();
    }

    boolean deleteUser(String username) {
        update("DELETE FROM sb_sip_registration WHERE username = ?", username);
        boolean deleted = update("DELETE FROM sb_sip_user WHERE username = ?", username) > 0;
        userChanges.forEach(l -> l.accept(username));
        return deleted;
    }

    // ---- registrations

    /** @return the live bindings of a user, best q first */
    List<Binding> bindings(String username, Instant now) {
        return query("SELECT username, contact, expires_at, q, call_id, cseq, source, user_agent, registered "
                + "FROM sb_sip_registration WHERE username = ? AND expires_at > ? ORDER BY q DESC NULLS LAST, "
                + "registered DESC", ps -> {
                    ps.setString(1, username);
                    ps.setTimestamp(2, Timestamp.from(now));
                }, SipStore::binding);
    }

    List<Binding> allBindings(Instant now) {
        return query("SELECT username, contact, expires_at, q, call_id, cseq, source, user_agent, registered "
                + "FROM sb_sip_registration WHERE expires_at > ? ORDER BY username, contact",
                ps -> ps.setTimestamp(1, Timestamp.from(now)), SipStore::binding);
    }

    /**
     * Inserts or replaces the binding of (user, contact). Writes from many REGISTERs at once are
     * committed together (group commit): a database commit per registration would make the
     * store's commit lock the registrar's limit.
     *
     * @return completed once the binding is committed (on the writer thread: what depends on it
     *         must be quick), or failed with a {@link StoreException}
     */
    java.util.concurrent.CompletableFuture<Void> bindLater(Binding b) {
        Pending p = new Pending(b, new java.util.concurrent.CompletableFuture<>(), System.nanoTime());
        pending.add(p);
        ensureWriter();
        return p.done();
    }

    private record Pending(Binding binding, java.util.concurrent.CompletableFuture<Void> done, long queued) {
    }

    /** @return how long the oldest binding not yet taken by the writer has waited, in milliseconds */
    long backlogMillis() {
        Pending oldest = pending.peek();
        return oldest == null ? 0 : (System.nanoTime() - oldest.queued()) / 1_000_000;
    }

    private final java.util.concurrent.atomic.AtomicLong bindingWrites = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong bindingCommits = new java.util.concurrent.atomic.AtomicLong();

    /** @return bindings written by the group commit, and how many commits that took */
    long[] bindingWriteCounts() {
        return new long[] { bindingWrites.get(), bindingCommits.get() };
    }

    static final int BATCH_MAX = 500;
    static final long BATCH_LINGER_NANOS = 5_000_000;

    private final java.util.concurrent.LinkedBlockingQueue<Pending> pending = new java.util.concurrent.LinkedBlockingQueue<>();
    private Thread writer;

    private synchronized void ensureWriter() {
        if (writer == null || !writer.isAlive()) {
            writer = new Thread(this::writeLoop, "switchboard-sip-bindings");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void writeLoop() {
        while (true) {
            List<Pending> batch = new java.util.ArrayList<>();
            try {
                Pending first = pending.poll(60, java.util.concurrent.TimeUnit.SECONDS);
                if (first == null) {
                    synchronized (this) {
                        if (pending.isEmpty()) {
                            writer = null;
                            return;
                        }
                    }
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, BATCH_MAX - 1);
                // linger: each commit costs H2 a chunk write (and PostgreSQL a WAL flush), so the
                // batch may fill for a few milliseconds after its first binding was queued. At 7,000
                // REGISTER/s that took the batches from 8 to 46 bindings and REGISTER/s from 8,000 to
                // 12,000 (releng/bench-register-cpu.sh, docs/benchmarks.md); a phone waits 5 ms more
                long deadline = first.queued() + lingerNanos;
                for (long left; batch.size() < BATCH_MAX && (left = deadline - System.nanoTime()) > 0;) {
                    Pending next = pending.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    pending.drainTo(batch, BATCH_MAX - batch.size());
                }
            } catch (InterruptedException e) {
                return;
            }
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement update = c.prepareStatement(UPDATE_BINDING);
                        PreparedStatement insert = c.prepareStatement(INSERT_BINDING)) {
                    for (Pending p : batch) {
                        upsert(update, insert, p.binding());
                    }
                    c.commit();
                    bindingCommits.incrementAndGet();
                    bindingWrites.addAndGet(batch.size());
                    batch.forEach(p -> p.done().complete(null));
                    continue;
                } catch (SQLException e) {
                    c.rollback();
                }
            } catch (SQLException e) {
                // fall through: one by one, so that one bad write fails only its own REGISTER
            }
            for (Pending p : batch) {
                try {
                    bindNow(p.binding());
                    p.done().complete(null);
                } catch (RuntimeException e) {
                    p.done().completeExceptionally(e);
                }
            }
        }
    }

    /** One binding in its own transaction; a primary-key race with another writer becomes an update. */
    private void bindNow(Binding b) {
        for (int attempt = 0;; attempt++) {
            try (Connection c = db.getConnection();
                    PreparedStatement update = c.prepareStatement(UPDATE_BINDING);
                    PreparedStatement insert = c.prepareStatement(INSERT_BINDING)) {
                upsert(update, insert, b);
                return;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState()) || attempt > 0) {
                    throw new StoreException("Cannot store the registration of '" + b.username() + "': "
                            + e.getMessage(), e);
                }
            }
        }
    }

    // both take a binding's values, then user and contact (see write)
    private static final String UPDATE_BINDING = "UPDATE sb_sip_registration SET expires_at = ?, q = ?, "
            + "call_id = ?, cseq = ?, source = ?, user_agent = ?, registered = ? WHERE username = ? AND contact = ?";
    private static final String INSERT_BINDING = "INSERT INTO sb_sip_registration (expires_at, q, call_id, cseq, "
            + "source, user_agent, registered, username, contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Updates the binding of (user, contact), or inserts it if there is none; statements are reused per batch. */
    private static void upsert(PreparedStatement update, PreparedStatement insert, Binding b) throws SQLException {
        if (write(update, b) == 0) {
            write(insert, b);
        }
    }

    /** Runs an UPDATE or INSERT whose parameters are a binding's values, then user and contact. */
    private static int write(PreparedStatement ps, Binding b) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(b.expiresAt()));
        if (b.q() == null) {
            ps.setNull(2, java.sql.Types.DOUBLE);
        } else {
            ps.setDouble(2, b.q());
        }
        ps.setString(3, b.callId());
        ps.setLong(4, b.cseq());
        ps.setString(5, b.source());
        ps.setString(6, b.userAgent());
        ps.setTimestamp(7, Timestamp.from(b.registered()));
        ps.setString(8, b.username());
        ps.setString(9, b.contact());
        return ps.executeUpdate();
    }

    void unbind(String username, String contact) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM sb_sip_registration WHERE username = ? AND contact = ?")) {
            ps.setString(1, username);
            ps.setString(2, contact);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot remove a registration of '" + username + "': " + e.getMessage(), e);
        }
    }

    int unbindAll(String username) {
        return update("DELETE FROM sb_sip_registration WHERE username = ?", username);
    }

    /** @return how many expired bindings were removed */
    int purgeExpired(Instant now) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_sip_registration WHERE expires_at <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot remove expired registrations: " + e.getMessage(), e);
        }
    }

    private static Binding binding(ResultSet rs) throws SQLException {
        double q = rs.getDouble(4);
        Double qv = rs.wasNull() ? null : q;
        return new Binding(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), qv, rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant());
    }

    // ---- plumbing

    private <T> List<T> query(String sql, Sql.Binder binder, Sql.Row<T> row) {
        return Sql.query(db, sql, binder, row);
    }

    private int update(String sql, String key) {
        return Sql.update(db, sql, key);
    }
}
