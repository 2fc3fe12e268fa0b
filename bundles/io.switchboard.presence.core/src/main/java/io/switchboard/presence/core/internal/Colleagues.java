package io.switchboard.presence.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Whether two users are colleagues: members of one ring group ({@code sb_hunt_member}) or assigned
 * one emergency location, their site ({@code sb_emergency_assignment}). Read from the database at
 * each SUBSCRIBE, so that a change of groups or sites applies at once; a table that is missing
 * (its bundle not installed) holds no colleagues.
 */
final class Colleagues {

    private static final Logger LOG = System.getLogger(Colleagues.class.getName());
    private static final String SAME_GROUP = "SELECT 1 FROM sb_hunt_member a JOIN sb_hunt_member b "
            + "ON a.group_name = b.group_name WHERE a.member = ? AND b.member = ?";
    private static final String SAME_SITE = "SELECT 1 FROM sb_emergency_assignment a JOIN sb_emergency_assignment b "
            + "ON a.location = b.location WHERE a.kind = 'user' AND b.kind = 'user' AND a.assigned_key = ? "
            + "AND b.assigned_key = ?";

    private final DataSource db;

    Colleagues(DataSource db) {
        this.db = db;
    }

    boolean test(String one, String other) {
        return any(SAME_GROUP, one, other) || any(SAME_SITE, one, other);
    }

    private boolean any(String sql, String one, String other) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, one);
            ps.setString(2, other);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "No colleagues from the database: " + e.getMessage());
            return false;
        }
    }
}
