package io.switchboard.messaging.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.messaging.api.MessageState;
import io.switchboard.messaging.api.TextMessage;
import io.switchboard.store.api.StoreException;

/**
 * The table {@code sb_message}. A stored message is claimed before a server delivers it (an update
 * that only one server of a cluster can win), so that a phone gets it once even when two servers
 * see its registration.
 */
final class MessageTable {

    private static final String COLUMNS = "id, sender, sender_name, recipient, trunk, content_type, body, received_at, state, "
            + "delivered_at, reason";

    private final DataSource db;

    MessageTable(DataSource db) {
        this.db = db;
    }

    TextMessage insert(TextMessage m) {
        return insertAll(List.of(m)).get(0);
    }

    /** @return the messages with their ids, written in one transaction */
    List<TextMessage> insertAll(List<TextMessage> batch) {
        List<TextMessage> out = new ArrayList<>(batch.size());
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sb_message (sender, sender_name, recipient, trunk, content_type, body, received_at, state, "
                        + "delivered_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (TextMessage m : batch) {
                    out.add(insert(ps, m));
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot store " + batch.size() + " message(s) for " + batch.get(0).to() + ": "
                    + e.getMessage(), e);
        }
    }

    private static TextMessage insert(PreparedStatement ps, TextMessage m) throws SQLException {
        ps.setString(1, m.from());
        ps.setString(2, m.fromName());
        ps.setString(3, m.to());
        ps.setString(4, m.trunk());
        ps.setString(5, m.contentType());
        ps.setBytes(6, m.body());
        ps.setTimestamp(7, Timestamp.from(m.received()));
        ps.setString(8, m.state().name());
        ps.setTimestamp(9, m.delivered() == null ? null : Timestamp.from(m.delivered()));
        ps.setString(10, reason(m.reason()));
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return new TextMessage(keys.getLong(1), m.from(), m.fromName(), m.to(), m.trunk(), m.contentType(), m.body(),
                    m.received(), m.state(), m.delivered(), m.reason());
        }
    }

    int countStored(String recipient) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM sb_message WHERE recipient = ? AND state = 'STORED'")) {
            ps.setString(1, recipient);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot count the messages of " + recipient + ": " + e.getMessage(), e);
        }
    }

    List<TextMessage> stored(String recipient) {
        return select("SELECT " + COLUMNS + " FROM sb_message WHERE recipient = ? AND state = 'STORED' "
                + "ORDER BY received_at, id", 10_000, recipient);
    }

    /** @param user sender or recipient, or null for all */
    List<TextMessage> newest(String user, int limit) {
        return user == null
                ? select("SELECT " + COLUMNS + " FROM sb_message ORDER BY received_at DESC, id DESC", limit)
                : select("SELECT " + COLUMNS + " FROM sb_message WHERE sender = ? OR recipient = ? "
                        + "ORDER BY received_at DESC, id DESC", limit, user, user);
    }

    /** @return the messages with an id above this one, lowest first */
    List<TextMessage> after(long afterId, int limit) {
        return select("SELECT " + COLUMNS + " FROM sb_message WHERE id > ? ORDER BY id", limit, afterId);
    }

    TextMessage byId(long id) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sb_message WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read message " + id + ": " + e.getMessage(), e);
        }
    }

    /** @return whether this server may deliver the stored message now (no other holds it) */
    boolean claim(long id, Instant now, Instant until) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sb_message SET claimed_until = ? WHERE id = ? AND state = 'STORED' "
                        + "AND (claimed_until IS NULL OR claimed_until < ?)")) {
            ps.setTimestamp(1, Timestamp.from(until));
            ps.setLong(2, id);
            ps.setTimestamp(3, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Cannot claim message " + id + ": " + e.getMessage(), e);
        }
    }

    void update(TextMessage m) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sb_message SET state = ?, delivered_at = ?, reason = ?, claimed_until = NULL WHERE id = ?")) {
            ps.setString(1, m.state().name());
            ps.setTimestamp(2, m.delivered() == null ? null : Timestamp.from(m.delivered()));
            ps.setString(3, reason(m.reason()));
            ps.setLong(4, m.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot update message " + m.id() + ": " + e.getMessage(), e);
        }
    }

    /** @return the stored messages received before this instant: they expire */
    List<TextMessage> storedBefore(Instant before) {
        List<TextMessage> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM sb_message WHERE state = 'STORED' AND received_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read expired messages: " + e.getMessage(), e);
        }
        return out;
    }

    /** @return how many messages older than the history were removed */
    int removeBefore(Instant before) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_message WHERE received_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot remove old messages: " + e.getMessage(), e);
        }
    }

    private List<TextMessage> select(String sql, int limit, Object... params) {
        List<TextMessage> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read messages: " + e.getMessage(), e);
        }
        return out;
    }

    private static TextMessage read(ResultSet rs) throws SQLException {
        Timestamp delivered = rs.getTimestamp(10);
        return new TextMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBytes(7), rs.getTimestamp(8).toInstant(), MessageState.valueOf(rs.getString(9)),
                delivered == null ? null : delivered.toInstant(), rs.getString(11));
    }

    private static String reason(String why) {
        return why == null ? null : why.substring(0, Math.min(500, why.length()));
    }
}
