package io.switchboard.voicemail.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.switchboard.voicemail.api.Mailbox;
import io.switchboard.voicemail.api.VoiceMessage;

/** The voice messages' metadata and the mailboxes' settings in the database. */
final class MessageTable {

    private static final String COLUMNS = "SELECT id, mailbox, caller, caller_name, call_id, received_at, seconds, heard, "
            + "mail, file FROM sb_voicemail_message";

    /** A message with where its audio is, relative to the voicemail folder. */
    record Row(VoiceMessage message, String file) {
    }

    private final DataSource db;

    MessageTable(DataSource db) {
        this.db = db;
    }

    /** @return the message with its id */
    VoiceMessage insert(VoiceMessage m, String file) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + "sb_voicemail_message (mailbox, caller, caller_name, call_id, received_at, seconds, heard, file, mail) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, m.mailbox());
            ps.setString(2, m.caller());
            ps.setString(3, m.callerName());
            ps.setString(4, m.callId());
            ps.setTimestamp(5, Timestamp.from(m.received()));
            ps.setInt(6, m.seconds());
            ps.setBoolean(7, m.heard());
            ps.setString(8, file);
            ps.setString(9, m.mail());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new VoiceMessage(keys.getLong(1), m.mailbox(), m.caller(), m.callerName(), m.callId(),
                        m.received(), m.seconds(), m.heard(), m.mail());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store a voice message: " + e.getMessage(), e);
        }
    }

    List<Row> inBox(String mailbox) {
        return select(" WHERE mailbox = ? ORDER BY received_at DESC, id DESC", mailbox);
    }

    Optional<Row> byId(long id) {
        return select(" WHERE id = ?", id).stream().findFirst();
    }

    /** @return messages whose e-mail is still to go (a restart in between included) */
    List<Row> mailPending() {
        return select(" WHERE mail = 'pending' OR mail LIKE 'retrying:%' ORDER BY id");
    }

    boolean delete(long id) {
        return update("DELETE FROM sb_voicemail_message WHERE id = ?", id) > 0;
    }

    boolean heard(long id, boolean heard) {
        return update("UPDATE sb_voicemail_message SET heard = ? WHERE id = ?", heard, id) > 0;
    }

    void mail(long id, String state) {
        update("UPDATE sb_voicemail_message SET mail = ? WHERE id = ?", state.length() > 500 ? state.substring(0, 500)
                : state, id);
    }

    /** @return new (unheard) and old messages of the mailbox */
    int[] counts(String mailbox) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT heard, COUNT(*) FROM sb_voicemail_message WHERE mailbox = ? GROUP BY heard")) {
            ps.setString(1, mailbox);
            int[] counts = new int[2];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts[rs.getBoolean(1) ? 1 : 0] = rs.getInt(2);
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count voice messages: " + e.getMessage(), e);
        }
    }

    Optional<Mailbox> mailbox(String user) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT email, delete_after_mail, pin_hash, enabled, unsolicited FROM sb_voicemail_box WHERE username = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                boolean on = rs.getBoolean(4);
                return Optional.of(new Mailbox(user, rs.wasNull() ? null : on, rs.getString(1), rs.getBoolean(2),
                        rs.getString(3) != null, rs.getBoolean(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read mailbox " + user + ": " + e.getMessage(), e);
        }
    }

    void save(Mailbox m) {
        if (update("UPDATE sb_voicemail_box SET enabled = ?, email = ?, delete_after_mail = ?, unsolicited = ? "
                + "WHERE username = ?", m.enabled(), m.email(), m.deleteAfterMail(), m.unsolicited(), m.user()) == 0) {
            update("INSERT INTO sb_voicemail_box (enabled, email, delete_after_mail, unsolicited, username) "
                    + "VALUES (?, ?, ?, ?, ?)", m.enabled(), m.email(), m.deleteAfterMail(), m.unsolicited(), m.user());
        }
    }

    /** @return the users whose phones are told of their messages without subscribing */
    Set<String> unsolicited() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username FROM sb_voicemail_box WHERE unsolicited = TRUE"); ResultSet rs = ps.executeQuery()) {
            Set<String> out = new HashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read mailboxes: " + e.getMessage(), e);
        }
    }

    /** A mailbox's PIN and the wrong tries against it. */
    record PinState(String hash, int failures, Instant lockedUntil) {
    }

    PinState pin(String user) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT pin_hash, pin_failures, locked_until FROM sb_voicemail_box WHERE username = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new PinState(rs.getString(1), rs.getInt(2), rs.getTimestamp(3) == null ? null
                        : rs.getTimestamp(3).toInstant()) : new PinState(null, 0, null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read mailbox " + user + ": " + e.getMessage(), e);
        }
    }

    void pin(String user, String hash) {
        if (update("UPDATE sb_voicemail_box SET pin_hash = ?, pin_failures = 0, locked_until = NULL WHERE username = ?",
                hash, user) == 0) {
            update("INSERT INTO sb_voicemail_box (username, delete_after_mail, pin_hash) VALUES (?, FALSE, ?)", user,
                    hash);
        }
    }

    /** Counts a wrong PIN; {@code lockUntil} (or null) is when the next try may come. */
    void failed(String user, int failures, Instant lockUntil) {
        update("UPDATE sb_voicemail_box SET pin_failures = ?, locked_until = ? WHERE username = ?", failures,
                lockUntil == null ? null : Timestamp.from(lockUntil), user);
    }

    private List<Row> select(String where, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(COLUMNS + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(new VoiceMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getBoolean(8),
                            rs.getString(9)), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read voice messages: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write voicemail: " + e.getMessage(), e);
        }
    }
}
