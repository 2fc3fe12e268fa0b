package io.switchboard.callback.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The table {@code sb_callback}. An attempt is claimed by one conditional update (PENDING to
 * CALLING), so that of all servers and restarts exactly one places it: a callback never rings twice.
 */
final class CallbackTable {

    static final String PENDING = "PENDING";
    static final String CALLING = "CALLING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";

    /** A callback or scheduled call as the API shows it. */
    record Callback(long id, String kind, String user, String number, String name, Instant due, int repeatDays,
            String schedule, int maxAttempts, int retryMinutes, int attempts, String state, String callId,
            Instant requested, String requestedBy, String report) {
    }

    private static final String COLUMNS = "id, kind, user_name, number, contact_name, due, repeat_days, schedule, "
            + "max_attempts, retry_minutes, attempts, state, call_id, requested, requested_by, report";
    private final DataSource db;

    CallbackTable(DataSource db) {
        this.db = db;
    }

    long insert(String kind, String user, String number, String name, Instant due, int repeatDays, String schedule,
            int maxAttempts, int retryMinutes, Instant requested, String by) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sb_callback "
                + "(kind, user_name, number, contact_name, due, repeat_days, schedule, max_attempts, retry_minutes, "
                + "attempts, state, requested, requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, kind, user, number, name, due, repeatDays, schedule, maxAttempts, retryMinutes, PENDING, requested,
                    by);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot keep the callback: " + e.getMessage(), e);
        }
    }

    List<Callback> list(int limit) {
        return select("ORDER BY id DESC", Math.max(1, Math.min(1000, limit)));
    }

    Optional<Callback> get(long id) {
        return select("WHERE id = ?", 1, id).stream().findFirst();
    }

    /** @return the pending ones that are due, oldest first, and those whose server went while calling */
    List<Callback> due(Instant now, int limit) {
        return select("WHERE (state = ? AND due <= ?) OR (state = ? AND lease_until < ?) ORDER BY due", limit, PENDING,
                now, CALLING, now);
    }

    Optional<Callback> byCall(String callId) {
        return select("WHERE call_id = ? AND state = ?", 1, callId, CALLING).stream().findFirst();
    }

    /** @return whether this server got the attempt (no other did, nor will) */
    boolean claim(Callback c, Instant now, Instant leaseUntil) {
        return update("UPDATE sb_callback SET state = ?, lease_until = ?, attempts = attempts + 1, call_id = NULL "
                + "WHERE id = ? AND state = ? AND (state = ? OR lease_until < ?)", CALLING, leaseUntil, c.id(),
                c.state(), PENDING, now) == 1;
    }

    void calling(long id, String callId) {
        update("UPDATE sb_callback SET call_id = ? WHERE id = ?", callId, id);
    }

    /** Ends an attempt: the state it leaves the callback in, when it is due next (or null), and a line for the report. */
    void settle(long id, String state, Instant due, int attempts, String line) {
        Optional<Callback> c = get(id);
        String report = c.map(Callback::report).orElse(null);
        String joined = report == null || report.isEmpty() ? line : report + "\n" + line;
        if (joined.length() > 3900) {
            joined = joined.substring(joined.length() - 3900);
        }
        if (due == null) {
            update("UPDATE sb_callback SET state = ?, attempts = ?, lease_until = NULL, report = ? WHERE id = ?", state,
                    attempts, joined, id);
        } else {
            update("UPDATE sb_callback SET state = ?, due = ?, attempts = ?, lease_until = NULL, report = ? WHERE id = ?",
                    state, due, attempts, joined, id);
        }
    }

    boolean cancel(long id, String line) {
        Optional<Callback> c = get(id);
        if (c.isEmpty() || !c.get().state().equals(PENDING) && !c.get().state().equals(CALLING)) {
            return false;
        }
        settle(id, CANCELLED, null, c.get().attempts(), line);
        return true;
    }

    private List<Callback> select(String where, int limit, Object... args) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sb_callback " + where)) {
            bind(ps, args);
            ps.setMaxRows(limit);
            List<Callback> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Callback(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getString(8), rs.getInt(9),
                            rs.getInt(10), rs.getInt(11), rs.getString(12), rs.getString(13),
                            rs.getTimestamp(14).toInstant(), rs.getString(15), rs.getString(16)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the callbacks: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change a callback: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant t) {
                ps.setTimestamp(i + 1, Timestamp.from(t));
            } else if (a == null) {
                ps.setNull(i + 1, Types.VARCHAR); // the nullable columns are text
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
