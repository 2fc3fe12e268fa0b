package io.switchboard.conference.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.conference.api.Session;

/** Each conference's summary in {@code sb_conference_session}, written as it goes. */
final class SessionTable extends Table {

    SessionTable(DataSource db) {
        super(db, "conferences");
    }

    /** One more joined the conference (which starts with its first); {@code inNow} are in it, counting them. */
    void joined(String id, String room, Instant started, int inNow) {
        if (update("UPDATE sb_conference_session SET participants = participants + 1, "
                + "peak = CASE WHEN peak < ? THEN ? ELSE peak END WHERE id = ?", inNow, inNow, id) == 0) {
            update("INSERT INTO sb_conference_session (id, room, started, participants, peak) VALUES (?, ?, ?, 1, ?)",
                    id, room, Timestamp.from(started), inNow);
        }
    }

    void ended(String id, Instant at) {
        update("UPDATE sb_conference_session SET ended = ? WHERE id = ? AND ended IS NULL", Timestamp.from(at), id);
    }

    List<Session> latest(String room, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, room, started, ended, participants, peak FROM sb_conference_session WHERE room = ? "
                        + "ORDER BY started DESC")) {
            ps.setString(1, room);
            ps.setMaxRows(Math.max(1, limit));
            try (ResultSet rs = ps.executeQuery()) {
                List<Session> out = new ArrayList<>();
                while (rs.next()) {
                    Timestamp ended = rs.getTimestamp(4);
                    out.add(new Session(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            ended == null ? null : ended.toInstant(), rs.getInt(5), rs.getInt(6)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read conferences: " + e.getMessage(), e);
        }
    }
}
