package io.switchboard.emergency.core.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.emergency.api.EmergencyCall;

/** The log of emergency calls in {@code sb_emergency_call}, written as each goes. */
final class CallLogTable extends Table {

    private static final String COLUMNS = "call_id, started, answered, ended, username, callback, dialled, test, "
            + "location, address, how, trunk, state";

    CallLogTable(DataSource db) {
        super(db, "emergency calls");
    }

    void started(EmergencyCall c) {
        if (update("UPDATE sb_emergency_call SET trunk = COALESCE(?, trunk) WHERE call_id = ?", c.trunk(),
                c.callId()) == 0) {
            update("INSERT INTO sb_emergency_call (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.callId(), Timestamp.from(c.started()), null, null, c.user(), c.callback(), c.dialled(), c.test(),
                    c.location(), c.address(), c.how(), c.trunk(), c.state());
        }
    }

    void answered(String callId, String trunk, Instant at) {
        update("UPDATE sb_emergency_call SET answered = ?, state = 'answered', trunk = COALESCE(?, trunk) "
                + "WHERE call_id = ? AND ended IS NULL", Timestamp.from(at), trunk, callId);
    }

    void ended(String callId, boolean failed, Instant at) {
        update("UPDATE sb_emergency_call SET ended = ?, state = ? WHERE call_id = ? AND ended IS NULL",
                Timestamp.from(at), failed ? "failed" : "ended", callId);
    }

    List<EmergencyCall> latest(int limit, boolean activeOnly) {
        return query("SELECT " + COLUMNS + " FROM sb_emergency_call" + (activeOnly ? " WHERE ended IS NULL" : "")
                + " ORDER BY started DESC FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY", rs ->
                new EmergencyCall(rs.getString(1), rs.getTimestamp(2).toInstant(), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
