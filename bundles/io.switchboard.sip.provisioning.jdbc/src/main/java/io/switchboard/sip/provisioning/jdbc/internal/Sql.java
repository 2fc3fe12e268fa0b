package io.switchboard.sip.provisioning.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.store.api.StoreException;

/** The JDBC plumbing the softswitch's tables share: queries to records, updates, row replacement. */
final class Sql {

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    static <T> List<T> query(DataSource db, String sql, Binder binder, Row<T> row) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("SIP store query failed: " + e.getMessage(), e);
        }
    }

    /** @return the rows changed by a statement with one string parameter */
    static int update(DataSource db, String sql, String key) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("SIP store update failed: " + e.getMessage(), e);
        }
    }
}
