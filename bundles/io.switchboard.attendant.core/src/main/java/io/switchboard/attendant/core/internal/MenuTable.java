package io.switchboard.attendant.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.attendant.api.Menu;
import io.switchboard.attendant.api.StaleMenuException;
import io.switchboard.store.api.StoreException;

/** The table {@code sb_menu}: a row per menu, its keys as a JSON object. */
final class MenuTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> KEYS = new TypeReference<>() {
    };
    private static final String COLUMNS = "greeting, keys_json, direct_dial, timeout_seconds, retries, "
            + "timeout_destination, invalid_destination, description, version, changed_at, name";

    private final DataSource db;

    MenuTable(DataSource db) {
        this.db = db;
    }

    /** @return every menu, by name */
    Map<String, Menu> all() {
        Map<String, Menu> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sb_menu ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(11), new Menu(rs.getString(11), rs.getString(1), JSON.readValue(rs.getString(2),
                        KEYS), rs.getBoolean(3), rs.getInt(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getLong(9)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("Cannot read the menus: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Stores a menu if the stored one is at {@code expected} (0: none stored, -1: whichever), in one statement: two
     * admins' changes made against the same version cannot both land.
     *
     * @return the stored menu
     */
    Menu put(Menu m, long expected) {
        try (Connection c = db.getConnection()) {
            long stored = version(c, m.name());
            if (expected >= 0 && stored != expected) {
                throw new StaleMenuException(stored == 0 ? "Menu " + m.name() + " is not stored (any more)"
                        : "Menu " + m.name() + " was changed meanwhile: it is at version " + stored
                                + ", the change was made against " + expected, stored);
            }
            Menu saved = m.withVersion(stored + 1);
            String sql = stored == 0 ? "INSERT INTO sb_menu (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    : "UPDATE sb_menu SET greeting = ?, keys_json = ?, direct_dial = ?, timeout_seconds = ?, "
                            + "retries = ?, timeout_destination = ?, invalid_destination = ?, description = ?, "
                            + "version = ?, "
                            + "changed_at = ? WHERE name = ? AND version = " + stored;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, saved.greeting());
                ps.setString(2, JSON.writeValueAsString(saved.keys()));
                ps.setBoolean(3, saved.directDial());
                ps.setInt(4, saved.timeoutSeconds());
                ps.setInt(5, saved.retries());
                ps.setString(6, saved.timeoutDestination());
                ps.setString(7, saved.invalidDestination());
                ps.setString(8, saved.description());
                ps.setLong(9, saved.version());
                ps.setTimestamp(10, Timestamp.from(Instant.now()));
                ps.setString(11, saved.name());
                if (ps.executeUpdate() != 1) {
                    throw new StaleMenuException("Menu " + m.name() + " was changed meanwhile", version(c, m.name()));
                }
            } catch (SQLException e) {
                if (stored == 0 && "23505".equals(e.getSQLState())) { // another server stored it first
                    throw new StaleMenuException("Menu " + m.name() + " was made meanwhile", version(c, m.name()));
                }
                throw e;
            }
            return saved;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("Cannot store menu " + m.name() + ": " + e.getMessage(), e);
        }
    }

    private static long version(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM sb_menu WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    boolean delete(String name) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_menu WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Cannot delete menu " + name + ": " + e.getMessage(), e);
        }
    }
}
