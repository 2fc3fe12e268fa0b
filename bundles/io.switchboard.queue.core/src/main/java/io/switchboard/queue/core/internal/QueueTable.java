package io.switchboard.queue.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.switchboard.queue.api.CallQueue;
import io.switchboard.store.api.StoreException;
import io.switchboard.store.rows.VersionedRows;

/** The table {@code sb_queue}: a row per queue, its members comma separated (user names have no comma). */
final class QueueTable {

    private static final List<String> WRITTEN = List.of("strategy", "members", "dynamic_agents", "ring_seconds",
            "wrap_up_seconds", "max_wait_seconds", "max_callers", "overflow", "announce_seconds", "callback",
            "skill", "description", "music");

    private final DataSource db;
    private final VersionedRows rows;

    QueueTable(DataSource db) {
        this.db = db;
        this.rows = new VersionedRows(db, "sb_queue", "name", WRITTEN, "Queue");
    }

    /** @return every queue, by name */
    Map<String, CallQueue> all() {
        Map<String, CallQueue> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name, " + String.join(", ", WRITTEN)
                        + ", version FROM sb_queue ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String members = rs.getString(3);
                out.put(rs.getString(1), new CallQueue(rs.getString(1), CallQueue.Strategy.valueOf(rs.getString(2)),
                        members.isEmpty() ? List.of() : Arrays.asList(members.split(",")), rs.getBoolean(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getInt(10),
                        rs.getBoolean(11), rs.getString(12), rs.getString(14), rs.getString(13), rs.getLong(15)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the queues: " + e.getMessage(), e);
        }
        return out;
    }

    /** @return the queue as stored, if the stored one was at {@code expected} (0: none, -1: whichever) */
    CallQueue put(CallQueue q, long expected) {
        return q.withVersion(rows.put(q.name(), expected, Arrays.asList(q.strategy().name(), String.join(",",
                q.members()), q.dynamic(), q.ringSeconds(), q.wrapUpSeconds(), q.maxWaitSeconds(), q.maxCallers(),
                q.overflow(), q.announceSeconds(), q.callback(), q.skill(), q.description(), q.music())));
    }

    boolean delete(String name) {
        return rows.delete(name);
    }
}
