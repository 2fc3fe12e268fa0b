package io.switchboard.forwarding.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.switchboard.sip.api.forwarding.ForwardingRules;
import io.switchboard.store.api.StoreException;

/** The table {@code sb_forwarding}: one row per user that forwards something or has call waiting off or limited. */
final class ForwardingTable {

    private static final String COLUMNS = "always_to, busy_to, no_answer_to, no_answer_seconds, unavailable_to, "
            + "call_waiting, max_calls, schedule, reject_anonymous";

    private final DataSource db;

    ForwardingTable(DataSource db) {
        this.db = db;
    }

    Optional<ForwardingRules> get(String user) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM sb_forwarding WHERE username = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rules(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the call forwarding of " + user + ": " + e.getMessage(), e);
        }
    }

    /** @return every user's forwarding, by user name */
    Map<String, ForwardingRules> all() {
        Map<String, ForwardingRules> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username, " + COLUMNS + " FROM sb_forwarding ORDER BY username");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rules(rs, 2));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the call forwarding: " + e.getMessage(), e);
        }
    }

    /** Stores the user's rules; rules that forward nothing remove its row. */
    void put(String user, ForwardingRules r) {
        if (r.equals(ForwardingRules.NONE)) {
            delete(user);
            return;
        }
        try (Connection c = db.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE sb_forwarding SET always_to = ?, busy_to = ?, "
                    + "no_answer_to = ?, no_answer_seconds = ?, unavailable_to = ?, call_waiting = ?, max_calls = ?, "
                    + "schedule = ?, reject_anonymous = ?, changed_at = ? WHERE username = ?")) {
                bind(update, r, 1);
                update.setString(11, user);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sb_forwarding (" + COLUMNS
                    + ", changed_at, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, r, 1);
                insert.setString(11, user);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store the call forwarding of " + user + ": " + e.getMessage(), e);
        }
    }

    boolean delete(String user) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM sb_forwarding WHERE username = ?")) {
            ps.setString(1, user);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot remove the call forwarding of " + user + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, ForwardingRules r, int first) throws SQLException {
        text(ps, first, r.always());
        text(ps, first + 1, r.busy());
        text(ps, first + 2, r.noAnswer());
        ps.setInt(first + 3, r.noAnswerSeconds());
        text(ps, first + 4, r.unavailable());
        ps.setBoolean(first + 5, r.callWaiting());
        ps.setInt(first + 6, r.maxCalls());
        text(ps, first + 7, r.schedule());
        ps.setBoolean(first + 8, r.rejectAnonymous());
        ps.setTimestamp(first + 9, Timestamp.from(Instant.now()));
    }

    private static void text(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    /** @param base the column of always_to */
    private static ForwardingRules rules(ResultSet rs, int base) throws SQLException {
        return new ForwardingRules(rs.getString(base), rs.getString(base + 1), rs.getString(base + 2),
                rs.getInt(base + 3), rs.getString(base + 4), rs.getBoolean(base + 5), rs.getInt(base + 6),
                rs.getString(base + 7), rs.getBoolean(base + 8));
    }
}
