package io.switchboard.schedules.core.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.switchboard.sip.api.schedule.Holiday;
import io.switchboard.sip.api.schedule.OpenHours;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.store.api.StoreException;

/** The tables {@code sb_schedule}, {@code sb_schedule_hours} and {@code sb_schedule_holiday}. */
final class ScheduleTable {

    private final DataSource db;

    ScheduleTable(DataSource db) {
        this.db = db;
    }

    /** @return every schedule, by name */
    Map<String, Schedule> all() {
        Map<String, String[]> heads = new LinkedHashMap<>();
        Map<String, List<OpenHours>> hours = new LinkedHashMap<>();
        Map<String, List<Holiday>> holidays = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, time_zone, description FROM sb_schedule ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString(1), new String[] { rs.getString(2), rs.getString(3) });
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT schedule, days, open_from, open_to FROM sb_schedule_hours ORDER BY schedule, line");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hours.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new OpenHours(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT schedule, first_day, last_day, name "
                    + "FROM sb_schedule_holiday ORDER BY schedule, first_day");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holidays.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Holiday(
                            rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the schedules: " + e.getMessage(), e);
        }
        Map<String, Schedule> out = new LinkedHashMap<>();
        heads.forEach((name, h) -> out.put(name, new Schedule(name, h[0], hours.getOrDefault(name, List.of()),
                holidays.getOrDefault(name, List.of()), h[1])));
        return out;
    }

    /** Stores the schedule in one transaction: a node reading at the same time sees the old or the new one. */
    void put(Schedule s) {
        try (Connection c = db.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE sb_schedule SET time_zone = ?, description = ?, changed_at = ? WHERE name = ?")) {
                    head(ps, s);
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO sb_schedule (time_zone, description, changed_at, name) VALUES (?, ?, ?, ?)")) {
                        head(ps, s);
                        ps.executeUpdate();
                    }
                }
                for (String table : new String[] { "sb_schedule_hours", "sb_schedule_holiday" }) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE schedule = ?")) {
                        ps.setString(1, s.name());
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_schedule_hours "
                        + "(schedule, line, days, open_from, open_to) VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < s.hours().size(); i++) {
                        OpenHours h = s.hours().get(i);
                        ps.setString(1, s.name());
                        ps.setInt(2, i);
                        ps.setString(3, h.days());
                        ps.setString(4, h.from());
                        ps.setString(5, h.to());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_schedule_holiday "
                        + "(schedule, first_day, last_day, name) VALUES (?, ?, ?, ?)")) {
                    for (Holiday h : s.holidays()) {
                        ps.setString(1, s.name());
                        ps.setDate(2, Date.valueOf(h.from()));
                        ps.setDate(3, Date.valueOf(h.to()));
                        ps.setString(4, h.name());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store schedule " + s.name() + ": " + e.getMessage(), e);
        }
    }

    private static void head(PreparedStatement ps, Schedule s) throws SQLException {
        ps.setString(1, s.timeZone().trim());
        ps.setString(2, s.description());
        ps.setTimestamp(3, Timestamp.from(Instant.now()));
        ps.setString(4, s.name());
    }

    boolean delete(String name) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_schedule WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Cannot delete schedule " + name + ": " + e.getMessage(), e);
        }
    }
}
