package io.switchboard.sip.core.internal;

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
    /**
     * @param algorithms the digest algorithms this user is challenged with, best first, or null for
     *            the server's setting
     */
    record User(String username, String displayName, boolean enabled, Instant created, List<String> algorithms) {
    }

    /** One registrar binding of a user to a contact. */
    record Binding(String username, String contact, Instant expiresAt, Double q, String callId, long cseq,
            String source, String userAgent, Instant registered) {
    }

    private final DataSource db;
    private final BindingsWriter writer;
    private final java.util.List<java.util.function.Consumer<String>> userChanges = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    public SipStore(@Reference Store store, BundleContext context) {
        store.migrate(context.getBundle(), CHANGELOG);
        this.db = store.dataSource();
        this.writer = new BindingsWriter(db, BindingsWriter.lingerNanos());
    }

    SipStore(DataSource db) {
        this(db, BindingsWriter.BATCH_LINGER_NANOS);
    }

    /** @param lingerNanos how long a batch of binding writes may wait for more before its commit */
    SipStore(DataSource db, long lingerNanos) {
        this.db = db;
        this.writer = new BindingsWriter(db, lingerNanos);
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
        return query("SELECT username, display_name, enabled, created, digest_algorithms FROM sb_sip_user "
                + "ORDER BY username", ps -> {
                }, SipStore::user);
    }

    Optional<User> user(String username) {
        return query("SELECT username, display_name, enabled, created, digest_algorithms FROM sb_sip_user "
                + "WHERE username = ?", ps -> ps.setString(1, username), SipStore::user).stream().findFirst();
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
    private static User user(ResultSet rs) throws SQLException {
        String algorithms = rs.getString(5);
        return new User(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant(),
                algorithms == null || algorithms.isBlank() ? null : List.of(algorithms.split(",")));
    }

    /**
     * Sets the digest algorithms a user is challenged with.
     *
     * @param algorithms tokens best first (SHA-256, MD5), or null or empty for the server's setting
     */
    void setAlgorithms(String username, List<String> algorithms) {
        String value = null;
        if (algorithms != null && !algorithms.isEmpty()) {
            List<String> tokens = new ArrayList<>();
            for (String a : algorithms) {
                Digest.Algorithm known = a == null || a.isBlank() ? null : Digest.Algorithm.of(a.trim());
                if (known == null) {
                    throw new IllegalArgumentException("Invalid digest algorithm '" + a + "' of SIP user '" + username
                            + "': SHA-256 or MD5");
                }
                if (!tokens.contains(known.token)) {
                    tokens.add(known.token);
                }
            }
            value = String.join(",", tokens);
        }
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE sb_sip_user SET digest_algorithms = ? WHERE username = ?")) {
            ps.setString(1, value);
            ps.setString(2, username);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the digest algorithms of " + username + ": " + e.getMessage(), e);
        }
        userChanges.forEach(l -> l.accept(username));
    }

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

    /** One contact of a REGISTER: its binding for {@code expires} seconds, or removed when 0. */
    record ContactUpdate(String contact, int expires, Double q) {
    }

    /**
     * What one REGISTER asks of a user's bindings (RFC 3261 section 10.3 steps 6 to 8), checked
     * and applied in its batch against the bindings as they are when the batch is committed.
     *
     * @param removeAll Contact "*": every binding goes, except those of this Call-ID with a higher CSeq
     * @param maxContacts the most bindings the user may have afterwards
     * @param now when the REGISTER arrived: the bindings' lifetimes count from then
     */
    record Registration(String username, String callId, long cseq, List<ContactUpdate> contacts, boolean removeAll,
            int maxContacts, String source, String userAgent, Instant now) {
    }

    /**
     * The user's live bindings after a REGISTER, best q first, or why it was refused (then
     * nothing changed): 500 for a request older than the binding (step 7), 403 past the most
     * contacts a user may have.
     */
    record Outcome(List<Binding> bindings, int refusal, String reason) {
        static Outcome refused(int status, String reason) {
            return new Outcome(List.of(), status, reason);
        }

        boolean ok() {
            return refusal == 0;
        }
    }

    /**
     * Checks and applies a REGISTER in the next batch of binding changes ({@link BindingsWriter}).
     *
     * @return completed once the change is committed (on the thread that committed it: what depends
     *         on it must be quick), or failed with a {@link StoreException}
     */
    java.util.concurrent.CompletableFuture<Outcome> registerLater(Registration r) {
        return writer.registerLater(r);
    }

    /** @return how long the oldest registration not yet taken into a batch has waited, in milliseconds */
    long backlogMillis() {
        return writer.backlogMillis();
    }

    /** @return bindings written or removed by the group commit, and how many commits that took */
    long[] bindingWriteCounts() {
        return writer.bindingWriteCounts();
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

    static Binding binding(ResultSet rs) throws SQLException {
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
