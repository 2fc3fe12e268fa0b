package io.switchboard.sip.core.internal.registrar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.sip.core.internal.registrar.SipStore.Binding;

/**
 * The changes of one batch to the bindings, written when it commits: each (user, contact) gets
 * only its last state, in one JDBC batch per kind of statement. A phone that registers again
 * within a batch (a retry, a burst of refreshes after an outage, a benchmark with one user)
 * costs one row, not one per REGISTER.
 */
final class BindingWrites implements AutoCloseable {
    private record Key(String username, String contact) {
    }

    private final Connection connection;
    /** the last state of each binding changed, null where it was removed */
    private final Map<Key, Binding> changes = new LinkedHashMap<>();
    long rows;

    BindingWrites(Connection c) {
        connection = c;
    }

    /** Updates the binding of (user, contact), or inserts it if there is none (an expired row may still be there). */
    void upsert(Binding b) {
        changes.put(new Key(b.username(), b.contact()), b);
    }

    void delete(String username, String contact) {
        changes.put(new Key(username, contact), null);
    }

    /** Writes the changes: removals, then updates, then inserts for the bindings no update found. */
    void flush() throws SQLException {
        List<Binding> upserts = new ArrayList<>();
        try (PreparedStatement delete = connection
                .prepareStatement("DELETE FROM sb_sip_registration WHERE username = ? AND contact = ?")) {
            boolean any = false;
            for (Map.Entry<Key, Binding> e : changes.entrySet()) {
                if (e.getValue() == null) {
                    delete.setString(1, e.getKey().username());
                    delete.setString(2, e.getKey().contact());
                    delete.addBatch();
                    any = true;
                } else {
                    upserts.add(e.getValue());
                }
            }
            if (any) {
                delete.executeBatch();
            }
        }
        rows += changes.size();
        changes.clear();
        if (upserts.isEmpty()) {
            return;
        }
        List<Binding> missing = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(UPDATE_BINDING)) {
            for (Binding b : upserts) {
                bind(update, b);
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(upserts.get(i));
                }
            }
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_BINDING)) {
                for (Binding b : missing) {
                    bind(insert, b);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @Override
    public void close() {
        changes.clear();
    }

    // both take a binding's values, then user and contact (see bind)
    private static final String UPDATE_BINDING = "UPDATE sb_sip_registration SET expires_at = ?, q = ?, "
            + "call_id = ?, cseq = ?, source = ?, user_agent = ?, registered = ?, instance_id = ?, reg_id = ?, "
            + "path = ? WHERE username = ? AND contact = ?";
    private static final String INSERT_BINDING = "INSERT INTO sb_sip_registration (expires_at, q, call_id, cseq, "
            + "source, user_agent, registered, instance_id, reg_id, path, username, contact) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Sets the parameters of an UPDATE or INSERT: a binding's values, then user and contact. */
    private static void bind(PreparedStatement ps, Binding b) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(b.expiresAt()));
        if (b.q() == null) {
            ps.setNull(2, Types.DOUBLE);
        } else {
            ps.setDouble(2, b.q());
        }
        ps.setString(3, b.callId());
        ps.setLong(4, b.cseq());
        ps.setString(5, b.source());
        ps.setString(6, b.userAgent());
        ps.setTimestamp(7, Timestamp.from(b.registered()));
        ps.setString(8, b.instanceId());
        if (b.regId() == null) {
            ps.setNull(9, Types.INTEGER);
        } else {
            ps.setInt(9, b.regId());
        }
        ps.setString(10, b.path());
        ps.setString(11, b.username());
        ps.setString(12, b.contact());
    }
}
