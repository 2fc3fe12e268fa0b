package io.switchboard.presence.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.switchboard.store.api.StoreException;

/** The table {@code sb_resource_list}: each list's members, one name per line, in order. */
final class ListTable {

    private final DataSource db;

    ListTable(DataSource db) {
        this.db = db;
    }

    Optional<List<String>> members(String name) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT members FROM sb_resource_list WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(split(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the resource list " + name + ": " + e.getMessage(), e);
        }
    }

    Map<String, List<String>> all() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name, members FROM sb_resource_list ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), split(rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the resource lists: " + e.getMessage(), e);
        }
        return out;
    }

    /** @return whether the list is new */
    boolean save(String name, List<String> members) {
        try (Connection c = db.getConnection()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("UPDATE sb_resource_list SET members = ?, updated_at = ? "
                    + "WHERE name = ?")) {
                ps.setString(1, String.join("\n", members));
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                ps.setString(3, name);
                exists = ps.executeUpdate() > 0;
            }
            if (!exists) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_resource_list (name, members, updated_at) "
                        + "VALUES (?, ?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, String.join("\n", members));
                    ps.setTimestamp(3, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                }
            }
            return !exists;
        } catch (SQLException e) {
            throw new StoreException("Cannot save the resource list " + name + ": " + e.getMessage(), e);
        }
    }

    boolean delete(String name) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_resource_list WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot delete the resource list " + name + ": " + e.getMessage(), e);
        }
    }

    private static List<String> split(String members) {
        return members.isEmpty() ? List.of() : Arrays.asList(members.split("\n"));
    }
}
