package io.switchboard.sip.core.internal.registrar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.switchboard.sip.core.internal.digest.Digest;
import io.switchboard.store.api.StoreException;

/**
 * Keys every switch on the database shares (table {@code sb_sip_secret}): the first switch to need
 * one makes it, the others read it, so a nonce one switch issued holds on the others. Never logged,
 * never served by the API.
 */
public final class SharedSecrets {

    /** The HMAC key of the digest nonces. */
    public static final String NONCE_KEY = "digest-nonce";

    private SharedSecrets() {
    }

    /** @return the digest nonces' key every switch on the database shares */
    public static byte[] nonceKey(DataSource db) {
        return get(db, NONCE_KEY, Digest::randomKey);
    }

    /**
     * @param make a new secret, used only when the database holds none yet
     * @return the secret of that name, made and stored by this switch when no switch had
     */
    public static byte[] get(DataSource db, String name, Supplier<byte[]> make) {
        try (Connection c = db.getConnection()) {
            byte[] stored = read(c, name);
            if (stored != null) {
                return stored;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_sip_secret (name, secret) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setBytes(2, make.get());
                ps.executeUpdate();
            } catch (SQLException raced) {
                // another switch stored it first (its primary key): that one holds
            }
            stored = read(c, name);
            if (stored == null) {
                throw new StoreException("Cannot store the shared secret " + name);
            }
            return stored;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the shared secret " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM sb_sip_secret WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }
}
