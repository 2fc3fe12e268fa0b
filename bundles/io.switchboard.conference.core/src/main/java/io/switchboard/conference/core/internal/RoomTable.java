package io.switchboard.conference.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.conference.api.Room;

/** The rooms in {@code sb_conference_room}, the source every server reads them from. */
final class RoomTable extends Table {

    private static final String COLUMNS = "SELECT number, name, pin, moderator_pin, max_participants, "
            + "wait_for_moderator, tones, locked, record FROM sb_conference_room";

    /** A room and whether it is locked now. */
    record Row(Room room, boolean locked) {
    }

    RoomTable(DataSource db) {
        super(db, "conference rooms");
    }

    List<Row> all() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(COLUMNS + " ORDER BY number");
                ResultSet rs = ps.executeQuery()) {
            List<Row> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Row(new Room(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(9)), rs.getBoolean(8)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read conference rooms: " + e.getMessage(), e);
        }
    }

    void save(Room r) {
        if (update("UPDATE sb_conference_room SET name = ?, pin = ?, moderator_pin = ?, max_participants = ?, "
                + "wait_for_moderator = ?, tones = ?, record = ? WHERE number = ?", r.name(), r.pin(), r.moderatorPin(),
                r.maxParticipants(), r.waitForModerator(), r.tones(), r.record(), r.number()) == 0) {
            update("INSERT INTO sb_conference_room (name, pin, moderator_pin, max_participants, wait_for_moderator, "
                    + "tones, record, number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.name(), r.pin(), r.moderatorPin(),
                    r.maxParticipants(), r.waitForModerator(), r.tones(), r.record(), r.number());
        }
    }

    boolean delete(String number) {
        return update("DELETE FROM sb_conference_room WHERE number = ?", number) > 0;
    }

    boolean lock(String number, boolean locked) {
        return update("UPDATE sb_conference_room SET locked = ? WHERE number = ?", locked, number) > 0;
    }
}
