package io.switchboard.emergency.core.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.switchboard.emergency.api.Assignment;
import io.switchboard.emergency.api.CivicAddress;
import io.switchboard.emergency.api.Location;

/** The address book in {@code sb_emergency_location}, and where each applies in {@code sb_emergency_assignment}. */
final class LocationTable extends Table {

    private static final String COLUMNS = "name, country, a1, a3, rd, hno, hns, flr, room, pc, loc, nam, elin, description";

    LocationTable(DataSource db) {
        super(db, "emergency locations");
    }

    List<Location> all() {
        return query("SELECT " + COLUMNS + " FROM sb_emergency_location ORDER BY name", LocationTable::location);
    }

    Optional<Location> get(String name) {
        return query("SELECT " + COLUMNS + " FROM sb_emergency_location WHERE name = ?", LocationTable::location, name)
                .stream().findFirst();
    }

    void save(Location l) {
        CivicAddress a = l.address();
        Object[] values = { a.country(), a.a1(), a.a3(), a.rd(), a.hno(), a.hns(), a.flr(), a.room(), a.pc(), a.loc(),
                a.nam(), l.elin(), l.description(), l.name() };
        if (update("UPDATE sb_emergency_location SET country = ?, a1 = ?, a3 = ?, rd = ?, hno = ?, hns = ?, flr = ?, "
                + "room = ?, pc = ?, loc = ?, nam = ?, elin = ?, description = ? WHERE name = ?", values) == 0) {
            update("INSERT INTO sb_emergency_location (country, a1, a3, rd, hno, hns, flr, room, pc, loc, nam, elin, "
                    + "description, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    boolean delete(String name) {
        return update("DELETE FROM sb_emergency_location WHERE name = ?", name) > 0;
    }

    List<Assignment> assignments() {
        return query("SELECT kind, assigned_key, location FROM sb_emergency_assignment ORDER BY kind, assigned_key",
                rs -> new Assignment(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    List<Assignment> assignments(String kind) {
        return query("SELECT kind, assigned_key, location FROM sb_emergency_assignment WHERE kind = ?",
                rs -> new Assignment(rs.getString(1), rs.getString(2), rs.getString(3)), kind);
    }

    Optional<String> assigned(String kind, String key) {
        return query("SELECT location FROM sb_emergency_assignment WHERE kind = ? AND assigned_key = ?",
                rs -> rs.getString(1), kind, key).stream().findFirst();
    }

    void assign(Assignment a) {
        if (update("UPDATE sb_emergency_assignment SET location = ? WHERE kind = ? AND assigned_key = ?", a.location(),
                a.kind(), a.key()) == 0) {
            update("INSERT INTO sb_emergency_assignment (location, kind, assigned_key) VALUES (?, ?, ?)", a.location(),
                    a.kind(), a.key());
        }
    }

    boolean unassign(String kind, String key) {
        return update("DELETE FROM sb_emergency_assignment WHERE kind = ? AND assigned_key = ?", kind, key) > 0;
    }

    private static Location location(ResultSet rs) throws SQLException {
        return new Location(rs.getString(1), new CivicAddress(rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12)), rs.getString(13), rs.getString(14));
    }
}
