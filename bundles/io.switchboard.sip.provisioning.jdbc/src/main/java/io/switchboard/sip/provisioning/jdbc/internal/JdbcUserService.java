package io.switchboard.sip.provisioning.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.ProvisioningEvents;
import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.store.api.StaleVersionException;
import io.switchboard.store.api.StoreException;

/**
 * The SIP users in {@code sb_sip_user}, with digest hashes only (MD5 and SHA-256 of
 * user:realm:password), never a password; and, for the switch, their credentials.
 */
@Component(service = { UserService.class, SipCredentials.class })
public class JdbcUserService implements UserService, SipCredentials {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final String COLUMNS = "username, display_name, enabled, created, digest_algorithms, version";
    /** What the user may call, in the order {@link #bindPolicy} binds them. */
    private static final String POLICY = "call_class, max_calls, calls_per_minute, media_encryption, "
            + "caller_id_number, caller_id_name, withhold_caller_id";
    /** A write that met another transaction's: a duplicate name, H2's concurrent update, a serialization failure. */
    private static final Set<String> CONFLICTS = Set.of("23505", "90131", "40001");

    private final ProvisioningDatabase db;
    /** Routing asks whether a name is a user for every call and message; changes here forget it at once. */
    private final UserCache<SipUser> records = new UserCache<>();

    @Activate
    public JdbcUserService(@Reference ProvisioningDatabase db) {
        this.db = db;
    }

    @Override
    public List<SipUser> users() {
        return Sql.query(db.dataSource(), "SELECT " + COLUMNS + " FROM sb_sip_user ORDER BY username", ps -> {
        }, JdbcUserService::user);
    }

    @Override
    public Optional<SipUser> user(String name) {
        return records.get(name, () -> read(name));
    }

    /** @return the user as the database has it now */
    private Optional<SipUser> read(String name) {
        return Sql.query(db.dataSource(), "SELECT " + COLUMNS + " FROM sb_sip_user WHERE username = ?",
                ps -> ps.setString(1, name), JdbcUserService::user).stream().findFirst();
    }

    @Override
    public SipUser save(SipUser user, String password) {
        return save(user, password, null, -1);
    }

    @Override
    public SipUser save(SipUser user, String password, CallingPolicy policy, long expected) {
        String name = user.username();
        if (name == null || !USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid username '" + name
                    + "': 1 to 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit");
        }
        String algorithms = algorithms(name, user.algorithms());
        boolean created;
        for (int attempt = 1;; attempt++) {
            long stored = version(name);
            if ((stored == 0 || password != null) && (password == null || password.length() < 8)) {
                throw new IllegalArgumentException("The password of SIP user '" + name
                        + "' must have at least 8 characters");
            }
            if (expected >= 0 && stored != expected) {
                throw stale(name, expected);
            }
            if (write(user, password, policy, algorithms, stored)) {
                created = stored == 0;
                break;
            }
            // another change or a delete landed since the version was read: refused, or read again when the change
            // was made against whatever is stored
            if (expected >= 0 || attempt == 3) {
                throw stale(name, expected);
            }
        }
        db.users().forget(name);
        db.policies().forget(name);
        records.forget(name);
        db.changed(ProvisioningEvents.USER, created ? ProvisioningEvents.CREATED : ProvisioningEvents.CHANGED, name);
        return read(name).orElseThrow(); // not through the cache, which a read racing the write may have filled
    }

    /**
     * Writes the user over the row at {@code version} (a new row at 0) in one statement, raising its version.
     *
     * @return false, and nothing written, when the row is no longer at that version (changed, deleted, or made
     *         meanwhile)
     */
    private boolean write(SipUser user, String password, CallingPolicy policy, String algorithms, long version) {
        String name = user.username();
        String realm = db.realm();
        try (Connection c = db.dataSource().getConnection()) {
            if (version == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_sip_user (username, display_name, "
                        + "enabled, digest_algorithms, realm, ha1_md5, ha1_sha256, " + POLICY + ", created, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
                    ps.setString(1, name);
                    int i = bindUser(ps, 2, user, algorithms);
                    i = bindPassword(ps, i, name, realm, password);
                    i = bindPolicy(ps, i, policy == null ? CallingPolicy.DEFAULTS : policy);
                    ps.setTimestamp(i, Timestamp.from(Instant.now()));
                    return ps.executeUpdate() == 1;
                }
            }
            String sql = "UPDATE sb_sip_user SET display_name = ?, enabled = ?, digest_algorithms = ?"
                    + (password == null ? "" : ", realm = ?, ha1_md5 = ?, ha1_sha256 = ?")
                    + (policy == null ? "" : ", " + POLICY.replace(",", " = ?,") + " = ?")
                    + ", version = version + 1 WHERE username = ? AND version = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bindUser(ps, 1, user, algorithms);
                if (password != null) {
                    i = bindPassword(ps, i, name, realm, password);
                }
                if (policy != null) {
                    i = bindPolicy(ps, i, policy);
                }
                ps.setString(i++, name);
                ps.setLong(i, version);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            if (CONFLICTS.contains(e.getSQLState())) {
                return false;
            }
            throw new StoreException("Cannot save SIP user '" + name + "': " + e.getMessage(), e);
        }
    }

    private static int bindUser(PreparedStatement ps, int i, SipUser user, String algorithms) throws SQLException {
        ps.setString(i, user.displayName());
        ps.setBoolean(i + 1, user.enabled());
        ps.setString(i + 2, algorithms);
        return i + 3;
    }

    private static int bindPassword(PreparedStatement ps, int i, String name, String realm, String password)
            throws SQLException {
        ps.setString(i, realm);
        ps.setString(i + 1, ha1("MD5", name, realm, password));
        ps.setString(i + 2, ha1("SHA-256", name, realm, password));
        return i + 3;
    }

    private static int bindPolicy(PreparedStatement ps, int i, CallingPolicy policy) throws SQLException {
        ps.setString(i, policy.callClass() == null ? null : policy.callClass().name());
        ps.setObject(i + 1, policy.maxCalls(), Types.INTEGER);
        ps.setObject(i + 2, policy.callsPerMinute(), Types.INTEGER);
        ps.setString(i + 3, policy.mediaEncryption() == null ? null : policy.mediaEncryption().name());
        ps.setString(i + 4, policy.callerIdNumber());
        ps.setString(i + 5, policy.callerIdName());
        ps.setObject(i + 6, policy.withholdCallerId(), Types.BOOLEAN);
        return i + 7;
    }

    /** @return the stored user's version, 0 when there is none */
    private long version(String name) {
        return Sql.query(db.dataSource(), "SELECT version FROM sb_sip_user WHERE username = ?",
                ps -> ps.setString(1, name), rs -> rs.getLong(1)).stream().findFirst().orElse(0L);
    }

    private StaleVersionException stale(String name, long expected) {
        // another server's change: what this one keeps of the user is read again
        records.forget(name);
        db.policies().forget(name);
        return Fields.stale("SIP user " + name, expected, version(name));
    }

    @Override
    public boolean delete(String name) {
        boolean deleted = Sql.update(db.dataSource(), "DELETE FROM sb_sip_user WHERE username = ?", name) > 0;
        db.users().forget(name);
        db.policies().forget(name);
        records.forget(name);
        if (deleted) {
            db.changed(ProvisioningEvents.USER, ProvisioningEvents.DELETED, name);
        }
        return deleted;
    }

    @Override
    public Optional<CallingPolicy> policy(String name) {
        return db.policies().get(name, () -> Sql.query(db.dataSource(), "SELECT call_class, max_calls, "
                + "calls_per_minute, media_encryption, caller_id_number, caller_id_name, withhold_caller_id "
                + "FROM sb_sip_user WHERE username = ?", ps -> ps.setString(1, name),
                rs -> new CallingPolicy(rs.getString(1) == null ? null : CallClass.valueOf(rs.getString(1)),
                        (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                        rs.getString(4) == null ? null : MediaEncryption.valueOf(rs.getString(4)), rs.getString(5),
                        rs.getString(6), rs.getObject(7) == null ? null : rs.getBoolean(7)))
                .stream().findFirst());
    }

    @Override
    public CallingPolicy savePolicy(String name, CallingPolicy policy) {
        int changed;
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE sb_sip_user SET call_class = ?, max_calls = ?, "
                        + "calls_per_minute = ?, media_encryption = ?, caller_id_number = ?, caller_id_name = ?, "
                        + "withhold_caller_id = ?, version = version + 1 WHERE username = ?")) {
            ps.setString(1, policy.callClass() == null ? null : policy.callClass().name());
            ps.setObject(2, policy.maxCalls(), Types.INTEGER);
            ps.setObject(3, policy.callsPerMinute(), Types.INTEGER);
            ps.setString(4, policy.mediaEncryption() == null ? null : policy.mediaEncryption().name());
            ps.setString(5, policy.callerIdNumber());
            ps.setString(6, policy.callerIdName());
            ps.setObject(7, policy.withholdCallerId(), Types.BOOLEAN);
            ps.setString(8, name);
            changed = ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot save the calling policy of SIP user '" + name + "': " + e.getMessage(), e);
        }
        if (changed == 0) {
            throw new IllegalArgumentException("No SIP user '" + name + "'");
        }
        db.policies().forget(name);
        records.forget(name);
        db.changed(ProvisioningEvents.USER, ProvisioningEvents.CHANGED, name);
        return policy(name).orElseThrow();
    }

    @Override
    public Optional<Digest> digest(String user) {
        return db.users().get(user, () -> Sql.query(db.dataSource(), "SELECT realm, ha1_md5, ha1_sha256, "
                + "digest_algorithms FROM sb_sip_user WHERE username = ? AND enabled", ps -> ps.setString(1, user),
                rs -> new Digest(rs.getString(1), rs.getString(2), rs.getString(3), list(rs.getString(4))))
                .stream().findFirst());
    }

    @Override
    public Optional<String> trunkPassword(String trunk) {
        return Sql.query(db.dataSource(), "SELECT auth_secret FROM sb_sip_trunk WHERE name = ?",
                ps -> ps.setString(1, trunk), rs -> rs.getString(1)).stream().filter(s -> s != null).findFirst()
                .map(db.secrets()::decrypt);
    }

    /** @return the algorithms as stored: known tokens, best first, or null for the server's setting */
    private static String algorithms(String user, List<String> algorithms) {
        if (algorithms == null || algorithms.isEmpty()) {
            return null;
        }
        List<String> tokens = new ArrayList<>();
        for (String a : algorithms) {
            String token = a == null ? "" : a.trim().toUpperCase(Locale.ROOT);
            if (!token.equals("MD5") && !token.equals("SHA-256")) {
                throw new IllegalArgumentException("Invalid digest algorithm '" + a + "' of SIP user '" + user
                        + "': SHA-256 or MD5");
            }
            if (!tokens.contains(token)) {
                tokens.add(token);
            }
        }
        return String.join(",", tokens);
    }

    private static List<String> list(String s) {
        return s == null || s.isBlank() ? null : List.of(s.split(","));
    }

    /** @return HA1 of RFC 7616 section 3.4.2: the hash of user:realm:password */
    static String ha1(String algorithm, String user, String realm, String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }

    private static SipUser user(ResultSet rs) throws SQLException {
        return new SipUser(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant(),
                list(rs.getString(5)), rs.getLong(6));
    }
}
