package io.switchboard.mgmt.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.store.api.Store;
import io.switchboard.store.api.StoreException;

/**
 * The audit log ({@code sb_audit}): who changed what through the API, when, from where, and the
 * resource before and after, with secrets masked. Written once, never changed; read newest first.
 */
@Component(service = AuditLog.class)
public class AuditLog {

    /**
     * One change.
     *
     * @param before the resource as JSON before the change (secrets masked), or null when it was
     *            not there or cannot be read
     * @param after the resource, or the answer, as JSON after it, or null when it is gone
     */
    record Entry(long id, OffsetDateTime at, String account, String role, String address, String method, String path,
            int status, String before, String after) {
    }

    private final Store store;

    /** The accounts' component migrates the bundle's changelog, this table's among it. */
    @Activate
    public AuditLog(@Reference Store store, @Reference Accounts migrated) {
        this.store = store;
    }

    void append(Entry e) {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sb_audit (at, account, role, address, method, path, status, before_json, after_json)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, e.at());
            ps.setString(2, e.account());
            ps.setString(3, e.role());
            ps.setString(4, e.address());
            ps.setString(5, e.method());
            ps.setString(6, e.path().length() > 1024 ? e.path().substring(0, 1024) : e.path());
            ps.setInt(7, e.status());
            text(ps, 8, e.before());
            text(ps, 9, e.after());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new StoreException("Cannot write the audit log", ex);
        }
    }

    private static void text(PreparedStatement ps, int i, String json) throws SQLException {
        if (json == null) {
            ps.setNull(i, Types.CLOB);
        } else {
            ps.setString(i, json);
        }
    }

    /**
     * @param account only this account's changes, or null for all
     * @param since only changes at or after, or null
     * @param limit at most this many, newest first
     */
    List<Entry> entries(String account, Instant since, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, account, role, address, method, path, status, "
                + "before_json, after_json FROM sb_audit WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (account != null) {
            sql.append(" AND account = ?");
            args.add(account);
        }
        if (since != null) {
            sql.append(" AND at >= ?");
            args.add(OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
        }
        sql.append(" ORDER BY id DESC");
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ps.setMaxRows(limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the audit log", e);
        }
    }
}
