package io.switchboard.queue.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.switchboard.store.api.StoreException;

/** The table {@code sb_queue_skill}: a row per agent and skill, with its level. */
final class SkillTable {

    private final DataSource db;

    SkillTable(DataSource db) {
        this.db = db;
    }

    /** @return every user's skills, by user, each by skill */
    Map<String, Map<String, Integer>> all() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT agent, skill, skill_level FROM sb_queue_skill");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), a -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the agents' skills: " + e.getMessage(), e);
        }
        return out;
    }

    /** Replaces the user's skills, all at once. */
    void put(String user, Map<String, Integer> skills) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_queue_skill WHERE agent = ?")) {
                    del.setString(1, user);
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO sb_queue_skill (agent, skill, "
                        + "skill_level) VALUES (?, ?, ?)")) {
                    for (Map.Entry<String, Integer> s : skills.entrySet()) {
                        ins.setString(1, user);
                        ins.setString(2, s.getKey());
                        ins.setInt(3, s.getValue());
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store the skills of " + user + ": " + e.getMessage(), e);
        }
    }
}
