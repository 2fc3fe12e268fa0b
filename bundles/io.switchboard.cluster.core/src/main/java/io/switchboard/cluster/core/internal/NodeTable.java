package io.switchboard.cluster.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.switchboard.cluster.api.Cluster;
import io.switchboard.cluster.api.ClusterNode;
import io.switchboard.store.api.StoreException;

/** The servers' rows in {@code sb_node}: each writes its own, and marks the silent ones lost. */
final class NodeTable {

    private final DataSource db;

    NodeTable(DataSource db) {
        this.db = db;
    }

    /** This server's heartbeat: its row, made at its first and alive again after a loss. */
    void beat(ClusterNode self) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement up = c.prepareStatement("UPDATE sb_node SET version = ?, started = ?, seen = ?, "
                    + "lost = NULL, calls = ?, load_average = ?, processors = ? WHERE name = ?")) {
                bind(up, self);
                if (up.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO sb_node (version, started, seen, calls, "
                    + "load_average, processors, name) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                bind(in, self);
                in.executeUpdate();
            } catch (SQLException raced) {
                // our own earlier beat, retried: the row is there
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot say this server is alive: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, ClusterNode n) throws SQLException {
        ps.setString(1, n.version());
        ps.setTimestamp(2, Timestamp.from(n.started()));
        ps.setTimestamp(3, Timestamp.from(n.seen()));
        ps.setInt(4, n.calls());
        ps.setDouble(5, n.load());
        ps.setInt(6, n.processors());
        ps.setString(7, n.name());
    }

    /**
     * Marks a silent server lost, unless another server did first (or it spoke again).
     *
     * @return whether this server marked it, and so takes over what it left
     */
    boolean markLost(String name, Instant silentSince, Instant now) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sb_node SET lost = ? WHERE name = ? AND lost IS NULL AND seen < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, name);
            ps.setTimestamp(3, Timestamp.from(silentSince));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Cannot mark server " + name + " lost: " + e.getMessage(), e);
        }
    }

    List<ClusterNode> all(Instant now) {
        List<ClusterNode> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT name, version, "
                + "started, seen, lost, calls, load_average, processors FROM sb_node ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant seen = rs.getTimestamp(4).toInstant();
                Timestamp lost = rs.getTimestamp(5);
                out.add(new ClusterNode(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), seen,
                        lost == null && seen.isAfter(now.minusSeconds(Cluster.LOST_AFTER_SECONDS)),
                        lost == null ? null : lost.toInstant(), rs.getInt(6), rs.getDouble(7), rs.getInt(8)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the servers: " + e.getMessage(), e);
        }
    }
}
