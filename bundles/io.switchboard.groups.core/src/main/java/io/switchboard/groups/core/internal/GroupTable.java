package io.switchboard.groups.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.switchboard.store.api.StoreException;

/** The tables {@code sb_hunt_group}, {@code sb_hunt_member} and {@code sb_hunt_idle}. */
final class GroupTable {

    private final DataSource db;

    GroupTable(DataSource db) {
        this.db = db;
    }

    List<Group> all() {
        return query("SELECT name, extension, strategy, ring_seconds, no_answer, schedule, closed_to FROM sb_hunt_group ORDER BY name", null);
    }

    Optional<Group> byName(String name) {
        return query("SELECT name, extension, strategy, ring_seconds, no_answer, schedule, closed_to FROM sb_hunt_group WHERE name = ?",
                name).stream().findFirst();
    }

    Optional<Group> byExtension(String extension) {
        return query("SELECT name, extension, strategy, ring_seconds, no_answer, schedule, closed_to FROM sb_hunt_group WHERE extension = ?",
                extension).stream().findFirst();
    }

    List<String> extensions() {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT extension FROM sb_hunt_group"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the ring groups: " + e.getMessage(), e);
        }
    }

    /** Replaces the group (and its members) in one transaction. */
    void put(Group g) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_hunt_member WHERE group_name = ?")) {
                    del.setString(1, g.name());
                    del.executeUpdate();
                }
                try (PreparedStatement up = c.prepareStatement("UPDATE sb_hunt_group SET extension = ?, strategy = ?, "
                        + "ring_seconds = ?, no_answer = ?, changed_at = ?, schedule = ?, closed_to = ? WHERE name = ?")) {
                    bind(up, g);
                    if (up.executeUpdate() == 0) {
                        try (PreparedStatement in = c.prepareStatement("INSERT INTO sb_hunt_group (extension, strategy, "
                                + "ring_seconds, no_answer, changed_at, schedule, closed_to, name) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                            bind(in, g);
                            in.executeUpdate();
                        }
                    }
                }
                try (PreparedStatement m = c.prepareStatement("INSERT INTO sb_hunt_member (group_name, position, member, "
                        + "ring_seconds) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < g.members().size(); i++) {
                        m.setString(1, g.name());
                        m.setInt(2, i);
                        m.setString(3, g.members().get(i).member());
                        m.setInt(4, g.members().get(i).seconds());
                        m.addBatch();
                    }
                    m.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store group " + g.name() + ": " + e.getMessage(), e);
        }
    }

    boolean delete(String name) {
        return update("DELETE FROM sb_hunt_group WHERE name = ?", name) > 0;
    }

    /** @return the member a round robin rings first next */
    int next(String name) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT next_member FROM sb_hunt_group WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read group " + name + ": " + e.getMessage(), e);
        }
    }

    void next(String name, int member) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sb_hunt_group SET next_member = ? WHERE name = ?")) {
            ps.setInt(1, member);
            ps.setString(2, name);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot update group " + name + ": " + e.getMessage(), e);
        }
    }

    Map<String, Instant> idle(List<String> users) {
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_call_end FROM sb_hunt_idle WHERE username = ?")) {
            for (String u : users) {
                ps.setString(1, u);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(u, rs.getTimestamp(1).toInstant());
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read when members were last in a call: " + e.getMessage(), e);
        }
    }

    /** @return every member of every group */
    Set<String> members() {
        Set<String> out = new HashSet<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT member FROM sb_hunt_member"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the ring groups' members: " + e.getMessage(), e);
        }
    }

    /** Keeps when these members' last answered calls ended, in one transaction. */
    void callsEnded(Map<String, Instant> ends) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("UPDATE sb_hunt_idle SET last_call_end = ? WHERE username = ?");
                    PreparedStatement in = c.prepareStatement(
                            "INSERT INTO sb_hunt_idle (last_call_end, username) VALUES (?, ?)")) {
                for (Map.Entry<String, Instant> e : ends.entrySet()) {
                    up.setTimestamp(1, Timestamp.from(e.getValue()));
                    up.setString(2, e.getKey());
                    if (up.executeUpdate() == 0) {
                        in.setTimestamp(1, Timestamp.from(e.getValue()));
                        in.setString(2, e.getKey());
                        in.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement ps, Group g) throws SQLException {
        ps.setString(1, g.extension());
        ps.setString(2, g.strategy().json());
        ps.setInt(3, g.ringSeconds());
        ps.setString(4, g.noAnswer());
        ps.setTimestamp(5, Timestamp.from(Instant.now()));
        ps.setString(6, g.schedule());
        ps.setString(7, g.closed());
        ps.setString(8, g.name());
    }

    private int update(String sql, String key) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot change the ring groups: " + e.getMessage(), e);
        }
    }

    private List<Group> query(String sql, String key) {
        List<Group> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                PreparedStatement members = c.prepareStatement("SELECT member, ring_seconds FROM sb_hunt_member "
                        + "WHERE group_name = ? ORDER BY position")) {
            if (key != null) {
                ps.setString(1, key);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.setString(1, rs.getString(1));
                    List<Group.Member> list = new ArrayList<>();
                    try (ResultSet m = members.executeQuery()) {
                        while (m.next()) {
                            list.add(new Group.Member(m.getString(1), m.getInt(2)));
                        }
                    }
                    out.add(new Group(rs.getString(1), rs.getString(2), Group.Strategy.of(rs.getString(3)),
                            rs.getInt(4), list, rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the ring groups: " + e.getMessage(), e);
        }
    }
}
