package io.switchboard.subscription.sip.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.switchboard.store.api.StoreException;

/** The table {@code sb_sip_publication}: each state a phone published, under its entity tag. */
final class PublicationTable {

    /** One publication. */
    record Row(String etag, String event, String resource, byte[] body) {
    }

    private final DataSource db;

    PublicationTable(DataSource db) {
        this.db = db;
    }

    void insert(String etag, String event, String resource, byte[] body, Instant expires) {
        update("INSERT INTO sb_sip_publication (etag, event, resource, body, expires_at, published_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", etag, event, resource, body, Timestamp.from(expires),
                Timestamp.from(Instant.now()));
    }

    /** @return the publication under this tag that has not expired */
    Optional<Row> byTag(String etag, Instant now) {
        return one("SELECT etag, event, resource, body FROM sb_sip_publication WHERE etag = ? AND expires_at > ?",
                etag, Timestamp.from(now));
    }

    /** @return the user's newest publication of a package that has not expired */
    Optional<Row> newest(String event, String resource, Instant now) {
        return one("SELECT etag, event, resource, body FROM sb_sip_publication WHERE event = ? AND resource = ? "
                + "AND expires_at > ? ORDER BY published_at DESC", event, resource, Timestamp.from(now));
    }

    /** A refresh or a modification: the publication takes a new tag (RFC 3903 section 6). */
    void replace(String oldTag, String newTag, byte[] body, Instant expires) {
        if (body == null) {
            update("UPDATE sb_sip_publication SET etag = ?, expires_at = ? WHERE etag = ?", newTag,
                    Timestamp.from(expires), oldTag);
        } else {
            update("UPDATE sb_sip_publication SET etag = ?, body = ?, expires_at = ?, published_at = ? WHERE etag = ?",
                    newTag, body, Timestamp.from(expires), Timestamp.from(Instant.now()), oldTag);
        }
    }

    void remove(String etag) {
        update("DELETE FROM sb_sip_publication WHERE etag = ?", etag);
    }

    /** @return the publications past their expiry */
    List<Row> expired(Instant now) {
        List<Row> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT etag, event, resource, body FROM sb_sip_publication WHERE expires_at <= ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the expired publications: " + e.getMessage(), e);
        }
        return out;
    }

    private Optional<Row> one(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the publications: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot change the publications: " + e.getMessage(), e);
        }
    }
}
