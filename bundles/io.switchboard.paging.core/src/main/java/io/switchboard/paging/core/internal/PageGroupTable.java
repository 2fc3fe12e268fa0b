package io.switchboard.paging.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.switchboard.paging.api.PageGroup;
import io.switchboard.store.api.StoreException;
import io.switchboard.store.rows.VersionedRows;

/** The table {@code sb_page_group}: a row per group, its members comma separated (user names have no comma). */
final class PageGroupTable {

    private static final List<String> WRITTEN = List.of("members", "duplex", "description");

    private final DataSource db;
    private final VersionedRows rows;

    PageGroupTable(DataSource db) {
        this.db = db;
        this.rows = new VersionedRows(db, "sb_page_group", "name", WRITTEN, "Page group");
    }

    /** @return every group, by name */
    Map<String, PageGroup> all() {
        Map<String, PageGroup> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name, members, duplex, description, version FROM "
                        + "sb_page_group ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new PageGroup(rs.getString(1), Arrays.asList(rs.getString(2).split(",")),
                        rs.getBoolean(3), rs.getString(4), rs.getLong(5)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the page groups: " + e.getMessage(), e);
        }
        return out;
    }

    /** @return the group as stored, if the stored one was at {@code expected} (0: none, -1: whichever) */
    PageGroup put(PageGroup g, long expected) {
        return g.withVersion(rows.put(g.name(), expected, Arrays.asList(String.join(",", g.members()), g.duplex(),
                g.description())));
    }

    boolean delete(String name) {
        return rows.delete(name);
    }
}
