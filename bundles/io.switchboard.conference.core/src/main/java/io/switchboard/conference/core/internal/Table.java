package io.switchboard.conference.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/** A table of the conference service in the database, written one statement at a time. */
abstract class Table {

    final DataSource db;
    private final String what;

    /** @param what what the table holds, for errors ("conference rooms") */
    Table(DataSource db, String what) {
        this.db = db;
        this.what = what;
    }

    int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write " + what + ": " + e.getMessage(), e);
        }
    }
}
