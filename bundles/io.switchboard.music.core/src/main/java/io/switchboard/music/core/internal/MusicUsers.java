package io.switchboard.music.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.switchboard.store.api.StoreException;
import io.switchboard.store.rows.VersionedRows;

/** The table {@code sb_music_user}: the music class each user's callers hear when the user holds them. */
final class MusicUsers {

    /** A user's class and its stored version (an ETag). */
    record Chosen(String className, long version) {
    }

    private final DataSource db;
    private final VersionedRows rows;

    MusicUsers(DataSource db) {
        this.db = db;
        this.rows = new VersionedRows(db, "sb_music_user", "username", List.of("class_name"), "Music of user");
    }

    /** @return each user's class, by user */
    Map<String, Chosen> all() {
        Map<String, Chosen> out = new TreeMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT username, class_name, version FROM sb_music_user");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Chosen(rs.getString(2), rs.getLong(3)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the users' music: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * @param expected the version the change was made against (0: none may be stored; -1: whichever)
     * @return the stored version
     */
    long put(String user, String className, long expected) {
        return rows.put(user, expected, List.of(className));
    }

    boolean delete(String user) {
        return rows.delete(user);
    }
}
