package io.switchboard.sip.guard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.sip.api.Lockout;

/**
 * The lockouts of sources and users in the database (table {@code sb_sip_lockout}), so that a restart
 * does not lift them. Floods are not kept: they end as soon as the sender slows down.
 */
final class LockoutStore {

    private final DataSource db;

    LockoutStore(DataSource db) {
        this.db = db;
    }

    /** @return the lockouts that have not ended by now */
    List<Lockout> load(Instant now) throws SQLException {
        List<Lockout> all = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT kind, lock_key, reason, locked_since, locked_until "
                        + "FROM sb_sip_lockout WHERE locked_until > ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.add(new Lockout(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                            r.getTimestamp(5).toInstant(), 0));
                }
            }
        }
        return all;
    }

    void save(Lockout lockout) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            delete(c, lockout.kind(), lockout.key());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sb_sip_lockout (kind, lock_key, reason, "
                    + "locked_since, locked_until) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, lockout.kind());
                s.setString(2, lockout.key());
                s.setString(3, lockout.reason().length() > 255 ? lockout.reason().substring(0, 255) : lockout.reason());
                s.setTimestamp(4, Timestamp.from(lockout.since()));
                s.setTimestamp(5, Timestamp.from(lockout.until()));
                s.executeUpdate();
            }
            c.commit();
        }
    }

    /** Removes a lockout, and every one that ended before now. */
    void delete(String kind, String key, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            delete(c, kind, key);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sb_sip_lockout WHERE locked_until <= ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.executeUpdate();
            }
        }
    }

    private static void delete(Connection c, String kind, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM sb_sip_lockout WHERE kind = ? AND lock_key = ?")) {
            s.setString(1, kind);
            s.setString(2, key);
            s.executeUpdate();
        }
    }
}
