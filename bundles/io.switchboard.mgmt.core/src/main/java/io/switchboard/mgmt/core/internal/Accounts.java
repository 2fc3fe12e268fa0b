package io.switchboard.mgmt.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.store.api.Store;
import io.switchboard.store.api.StoreException;

/**
 * The accounts that may use the management API, kept in the store ({@code sb_account}) with
 * PBKDF2 hashes only. Verified credentials are remembered for a short while by a keyed digest so
 * that API calls do not each pay for PBKDF2; a password change forgets them.
 */
@Component(service = Accounts.class, immediate = true, configurationPid = ManagementConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ManagementConfig.class)
public class Accounts {

    static final String CHANGELOG = "db/io.switchboard.mgmt.core.changelog.xml";
    private static final Logger LOG = System.getLogger(Accounts.class.getName());
    private static final long CACHE_MILLIS = 5 * 60_000L;

    private final Store store;
    private final PasswordHasher hasher;
    private final byte[] cacheKey = PasswordHasher.generate().getBytes(StandardCharsets.UTF_8);
    private final Map<String, Long> verified = new ConcurrentHashMap<>();
    /** Checked against for names that have no account, so that they cost what a known name costs. */
    private final String unknownHash;

    @Activate
    public Accounts(@Reference Store store, BundleContext context, ManagementConfig config) {
        this(store, new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS));
        store.migrate(context.getBundle(), CHANGELOG);
        String configured = config.adminPassword();
        if (configured == null || configured.isEmpty()) {
            configured = System.getenv(ManagementConfig.ADMIN_PASSWORD_ENV);
        }
        ensureAdmin(config.adminUser(), configured);
    }

    Accounts(Store store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
        this.unknownHash = hasher.hash(PasswordHasher.generate());
    }

    /**
     * Creates the admin account on the first start; with a configured password, sets it at every start.
     *
     * @return the generated password when one was generated, so it can be shown once
     */
    Optional<String> ensureAdmin(String user, String configuredPassword) {
        boolean configured = configuredPassword != null && !configuredPassword.isEmpty();
        Optional<String> hash = passwordHash(user);
        if (hash.isPresent()) {
            if (configured && !PasswordHasher.verify(configuredPassword, hash.get())) {
                setPassword(user, configuredPassword);
                LOG.log(Level.INFO, "Password of account ''{0}'' set from the configuration", user);
            }
            return Optional.empty();
        }
        String password = configured ? configuredPassword : PasswordHasher.generate();
        insert(user, password, "admin");
        if (configured) {
            LOG.log(Level.INFO, "Account ''{0}'' created with the configured password", user);
            return Optional.empty();
        }
        // Shown once on the console, deliberately not through the logger: log files keep no secrets.
        System.out.printf("%n  Switchboard created the account '%s' with the password%n%n      %s%n%n"
                + "  It is shown only this once. Change it with PUT /api/v1/account/password,%n"
                + "  or set %s before starting.%n%n", user, password, ManagementConfig.ADMIN_PASSWORD_ENV);
        System.out.flush();
        LOG.log(Level.WARNING, "Account ''{0}'' created with a generated password (shown on the console once)",
                user);
        return Optional.of(password);
    }

    /** @return whether the name and password belong to an account */
    boolean authenticate(String user, String password) {
        String key = cacheKey(user, password);
        Long until = verified.get(key);
        long now = System.currentTimeMillis();
        if (until != null && until > now) {
            return true;
        }
        Optional<String> stored = passwordHash(user);
        boolean ok = PasswordHasher.verify(password, stored.orElse(unknownHash)) && stored.isPresent();
        if (ok) {
            verified.put(key, now + CACHE_MILLIS);
            if (PasswordHasher.iterations(stored.get()) < hasher.iterations()) {
                // made when fewer iterations were enough: made again now that the password is at hand
                storeHash(user, hasher.hash(password));
                verified.put(key, now + CACHE_MILLIS);
                LOG.log(Level.INFO, "Password hash of account ''{0}'' renewed with {1} iterations", user,
                        hasher.iterations());
            }
        }
        return ok;
    }

    void setPassword(String user, String password) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("The new password must have at least 12 characters");
        }
        storeHash(user, hasher.hash(password));
        verified.clear();
    }

    private void storeHash(String user, String hash) {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE sb_account SET password_hash = ?, updated = ? WHERE name = ?")) {
            ps.setString(1, hash);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(3, user);
            if (ps.executeUpdate() != 1) {
                throw new IllegalArgumentException("No account '" + user + "'");
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot change the password of '" + user + "'", e);
        }
    }

    Optional<String> role(String user) {
        return query("SELECT role FROM sb_account WHERE name = ?", user);
    }

    private Optional<String> passwordHash(String user) {
        return query("SELECT password_hash FROM sb_account WHERE name = ?", user);
    }

    private Optional<String> query(String sql, String user) {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read account '" + user + "'", e);
        }
    }

    private void insert(String user, String password, String role) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sb_account (name, password_hash, role, created, updated) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, user);
            ps.setString(2, hasher.hash(password));
            ps.setString(3, role);
            ps.setObject(4, now);
            ps.setObject(5, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot create account '" + user + "'", e);
        }
    }

    private String cacheKey(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cacheKey);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
