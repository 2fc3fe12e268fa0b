package io.switchboard.queue.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.switchboard.queue.api.AgentState;
import io.switchboard.store.api.StoreException;

/**
 * The agents' logins and pauses ({@code sb_queue_agent}: a row per agent logged in, or member paused), each change
 * also kept in {@code sb_queue_agent_log} in the same transaction, for occupancy on any past day.
 */
final class AgentTable {

    /** An agent's stored login: paused or ready, since when. */
    record Login(String queue, String agent, boolean paused, String reason, Instant since) {

        static String key(String queue, String agent) {
            return queue + "/" + agent;
        }
    }

    private final DataSource db;

    AgentTable(DataSource db) {
        this.db = db;
    }

    /** @return every login, by {@link Login#key} */
    Map<String, Login> all() {
        Map<String, Login> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT queue, agent, paused, reason, changed_at FROM "
                        + "sb_queue_agent ORDER BY queue, changed_at");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Login l = new Login(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant());
                out.put(Login.key(l.queue(), l.agent()), l);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the queues' agents: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * @return the queue's agents' changes over the period: each agent's last before {@code from}, then every one up
     *         to {@code to}, in order
     */
    List<AgentTime.Change> changes(String queue, Instant from, Instant to) {
        List<AgentTime.Change> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement before = c.prepareStatement("SELECT l.agent, l.logged_at, l.state FROM "
                        + "sb_queue_agent_log l WHERE l.queue = ? AND l.logged_at = (SELECT MAX(m.logged_at) FROM "
                        + "sb_queue_agent_log m WHERE m.queue = l.queue AND m.agent = l.agent AND m.logged_at < ?) "
                        + "ORDER BY l.logged_at, l.id");
                PreparedStatement during = c.prepareStatement("SELECT agent, logged_at, state FROM "
                        + "sb_queue_agent_log WHERE queue = ? AND logged_at >= ? AND logged_at < ? ORDER BY "
                        + "logged_at, id")) {
            before.setString(1, queue);
            before.setTimestamp(2, Timestamp.from(from));
            read(before, out);
            during.setString(1, queue);
            during.setTimestamp(2, Timestamp.from(from));
            during.setTimestamp(3, Timestamp.from(to));
            read(during, out);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the agents' log of queue " + queue + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void read(PreparedStatement ps, List<AgentTime.Change> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AgentTime.Change(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        AgentState.State.valueOf(rs.getString(3))));
            }
        }
    }

    /**
     * Stores the agent's state: PAUSED, or READY of an agent who logged in, as a row; LOGGED_OUT, or READY of a
     * member (members are always in), as none. The change is logged.
     */
    void set(String queue, String agent, boolean member, AgentState.State state, String reason, Instant at) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_queue_agent WHERE queue = ? AND "
                        + "agent = ?")) {
                    del.setString(1, queue);
                    del.setString(2, agent);
                    del.executeUpdate();
                }
                if (state == AgentState.State.PAUSED || state == AgentState.State.READY && !member) {
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO sb_queue_agent (queue, agent, "
                            + "paused, reason, changed_at) VALUES (?, ?, ?, ?, ?)")) {
                        ins.setString(1, queue);
                        ins.setString(2, agent);
                        ins.setBoolean(3, state == AgentState.State.PAUSED);
                        ins.setString(4, reason);
                        ins.setTimestamp(5, Timestamp.from(at));
                        ins.executeUpdate();
                    }
                }
                try (PreparedStatement log = c.prepareStatement("INSERT INTO sb_queue_agent_log (logged_at, queue, "
                        + "agent, state, reason) VALUES (?, ?, ?, ?, ?)")) {
                    log.setTimestamp(1, Timestamp.from(at));
                    log.setString(2, queue);
                    log.setString(3, agent);
                    log.setString(4, state.name());
                    log.setString(5, reason);
                    log.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store the state of agent " + agent + " of queue " + queue + ": "
                    + e.getMessage(), e);
        }
    }
}
