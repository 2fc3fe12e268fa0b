package io.switchboard.attendant.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.attendant.api.Menu;
import io.switchboard.store.api.StoreException;
import io.switchboard.store.rows.VersionedRows;

/** The table {@code sb_menu}: a row per menu, its keys as a JSON object. */
final class MenuTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> KEYS = new TypeReference<>() {
    };
    private static final List<String> WRITTEN = List.of("greeting", "keys_json", "direct_dial", "timeout_seconds",
            "retries", "timeout_destination", "invalid_destination", "description");
    private static final String COLUMNS = String.join(", ", WRITTEN) + ", version, changed_at, name";

    private final DataSource db;
    private final VersionedRows rows;

    MenuTable(DataSource db) {
        this.db = db;
        this.rows = new VersionedRows(db, "sb_menu", "name", WRITTEN, "Menu");
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
     * Stores a menu if the stored one is at {@code expected} (0: none stored, -1: whichever).
     *
     * @return the stored menu
     */
    Menu put(Menu m, long expected) {
        try {
            return m.withVersion(rows.put(m.name(), expected, Arrays.asList(m.greeting(), JSON.writeValueAsString(
                    m.keys()), m.directDial(), m.timeoutSeconds(), m.retries(), m.timeoutDestination(),
                    m.invalidDestination(), m.description())));
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot store menu " + m.name() + ": " + e.getMessage(), e);
        }
    }

    boolean delete(String name) {
        return rows.delete(name);
    }
}
