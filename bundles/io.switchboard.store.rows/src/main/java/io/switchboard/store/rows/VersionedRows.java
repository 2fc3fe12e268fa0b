package io.switchboard.store.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.store.api.StaleVersionException;
import io.switchboard.store.api.StoreException;

/**
 * A table of named rows, each with a {@code version} raised by every change and a {@code changed_at}: a change is
 * written only over the version it was made against, guarded in the statement itself, so that two admins' changes
 * made against the same version cannot both land, on one server or on several.
 */
public final class VersionedRows {

    private final DataSource db;
    private final String table;
    private final String key;
    private final List<String> columns;
    private final String what;

    /**
     * @param key the name's column
     * @param columns the other columns a change writes (not the version, not changed_at), in the order of the values
     * @param what what a row is, for messages ("Menu")
     */
    public VersionedRows(DataSource db, String table, String key, List<String> columns, String what) {
        this.db = db;
        this.table = table;
        this.key = key;
        this.columns = List.copyOf(columns);
        this.what = what;
    }

    /**
     * Stores a row if the stored one is at {@code expected}.
     *
     * @param expected 0: none may be stored; -1: whichever is stored
     * @param values the columns' values, in their order: String, Boolean, Integer or Long, null for none
     * @return the stored version
     * @throws StaleVersionException when the stored row is at another version (or was made meanwhile)
     */
    public long put(String name, long expected, List<?> values) {
        try (Connection c = db.getConnection()) {
            long stored = version(c, name);
            if (expected >= 0 && stored != expected) {
                throw new StaleVersionException(stored == 0 ? what + " " + name + " is not stored (any more)"
                        : what + " " + name + " was changed meanwhile: it is at version " + stored
                                + ", the change was made against " + expected, stored);
            }
            String sql = stored == 0
                    ? "INSERT INTO " + table + " (" + String.join(", ", columns) + ", version, changed_at, " + key
                            + ") VALUES (" + String.join(", ", Collections.nCopies(columns.size() + 3, "?")) + ")"
                    : "UPDATE " + table + " SET " + String.join(" = ?, ", columns) + " = ?, version = ?, "
                            + "changed_at = ? WHERE " + key + " = ? AND version = " + stored;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object v : values) {
                    bind(ps, i++, v);
                }
                ps.setLong(i++, stored + 1);
                ps.setTimestamp(i++, Timestamp.from(Instant.now()));
                ps.setString(i, name);
                if (ps.executeUpdate() != 1) {
                    throw new StaleVersionException(what + " " + name + " was changed meanwhile", version(c, name));
                }
            } catch (SQLException e) {
                if (stored == 0 && "23505".equals(e.getSQLState())) { // another server stored it first
                    throw new StaleVersionException(what + " " + name + " was made meanwhile", version(c, name));
                }
                throw e;
            }
            return stored + 1;
        } catch (SQLException e) {
            throw new StoreException("Cannot store " + what.toLowerCase() + " " + name + ": " + e.getMessage(), e);
        }
    }

    /** @return false when there was no such row */
    public boolean delete(String name) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Cannot delete " + what.toLowerCase() + " " + name + ": " + e.getMessage(), e);
        }
    }

    private long version(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + table + " WHERE " + key + " = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        switch (v) {
            case null -> ps.setNull(i, Types.VARCHAR);
            case Boolean b -> ps.setBoolean(i, b);
            case Integer n -> ps.setInt(i, n);
            case Long n -> ps.setLong(i, n);
            default -> ps.setString(i, v.toString());
        }
    }
}
