package io.switchboard.cdr.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.cdr.api.SavedSearch;
import io.switchboard.store.api.StoreException;

/** Saved searches in {@code sb_cdr_saved_search}, one row per owner and name. */
final class SavedSearches {

    private final DataSource dataSource;

    SavedSearches(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<SavedSearch> list(String owner) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT owner, name, query, sort_field, descending, facets, saved FROM sb_cdr_saved_search "
                        + "WHERE owner = ? ORDER BY name")) {
            ps.setString(1, owner);
            List<SavedSearch> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String facets = rs.getString(6);
                    out.add(new SavedSearch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), facets == null || facets.isEmpty() ? List.of()
                                    : Arrays.asList(facets.split(",")),
                            rs.getTimestamp(7).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the saved searches of '" + owner + "': " + e.getMessage(), e);
        }
    }

    SavedSearch save(SavedSearch s) {
        if (s.name() == null || s.name().isBlank() || s.name().length() > 128) {
            throw new IllegalArgumentException("A saved search needs a name of 1 to 128 characters");
        }
        SavedSearch stored = new SavedSearch(s.owner(), s.name().trim(), s.query() == null ? "*" : s.query(), s.sort(),
                s.descending(), s.facets(), Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM sb_cdr_saved_search WHERE owner = ? AND name = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO sb_cdr_saved_search "
                            + "(owner, name, query, sort_field, descending, facets, saved) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                del.setString(1, stored.owner());
                del.setString(2, stored.name());
                del.executeUpdate();
                ins.setString(1, stored.owner());
                ins.setString(2, stored.name());
                ins.setString(3, stored.query());
                ins.setString(4, stored.sort());
                ins.setBoolean(5, stored.descending());
                ins.setString(6, String.join(",", stored.facets()));
                ins.setTimestamp(7, Timestamp.from(stored.saved()));
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save the search '" + s.name() + "': " + e.getMessage(), e);
        }
        return stored;
    }

    boolean delete(String owner, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM sb_cdr_saved_search WHERE owner = ? AND name = ?")) {
            ps.setString(1, owner);
            ps.setString(2, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot delete the search '" + name + "': " + e.getMessage(), e);
        }
    }
}
