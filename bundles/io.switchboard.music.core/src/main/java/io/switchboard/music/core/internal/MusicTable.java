package io.switchboard.music.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.switchboard.media.audio.Clip;
import io.switchboard.music.api.MusicClass;
import io.switchboard.music.api.MusicPiece;
import io.switchboard.store.api.StoreException;

/** The table {@code sb_music_piece}: a row per piece, its audio 16-bit mono PCM at its own rate. */
final class MusicTable {

    /** SQL's state of a unique key broken: H2's and PostgreSQL's alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource db;

    MusicTable(DataSource db) {
        this.db = db;
    }

    /** @return every class with its pieces (without their audio), by name */
    Map<String, MusicClass> classes() {
        Map<String, List<MusicPiece>> pieces = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT class_name, name, rate, samples, changed_at FROM "
                        + "sb_music_piece");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int rate = rs.getInt(3);
                pieces.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new MusicPiece(rs.getString(2),
                        rs.getLong(4) / (double) rate, rate, rs.getObject(5, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the music classes: " + e.getMessage(), e);
        }
        // sorted here, by code point: each database collates names in its own way
        Map<String, MusicClass> out = new TreeMap<>();
        pieces.forEach((name, list) -> {
            list.sort(Comparator.comparing(MusicPiece::name));
            out.put(name, new MusicClass(name, list));
        });
        return out;
    }

    /** @return the class's pieces' audio, in their names' order (by code point); empty for a class without pieces */
    List<Clip> audio(String className) {
        Map<String, Clip> out = new TreeMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name, rate, audio FROM sb_music_piece WHERE "
                        + "class_name = ?")) {
            ps.setString(1, className);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Clip(samples(rs.getBytes(3)), rs.getInt(2)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read music class " + className + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(out.values());
    }

    /** @return one piece's audio, or null when the class has no such piece */
    Clip piece(String className, String name) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT rate, audio FROM sb_music_piece WHERE class_name = ? "
                        + "AND name = ?")) {
            ps.setString(1, className);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Clip(samples(rs.getBytes(2)), rs.getInt(1)) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read music " + className + "/" + name + ": " + e.getMessage(), e);
        }
    }

    /** The condition a store is made on, from the request's {@code If-Match} or {@code If-None-Match}. */
    enum Condition {
        /** Whatever is stored. */
        ANY,
        /** Only a new piece ({@code If-None-Match: *}). */
        NEW,
        /** Only over a stored piece ({@code If-Match: *}), or the one stored at the time {@link #put} names. */
        STORED
    }

    /**
     * Stores a piece, on the condition checked by the write itself: two servers' writes cannot both pass it.
     *
     * @param storedAt with {@link Condition#STORED}, when the piece to replace was stored (null: whenever)
     * @return false when the condition failed: the piece is there (NEW), or not there or stored at another time
     */
    boolean put(String className, String name, Clip clip, Condition condition, OffsetDateTime storedAt) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        byte[] audio = bytes(clip.samples());
        try (Connection c = db.getConnection()) {
            if (condition != Condition.NEW && update(c, className, name, clip, audio, now, storedAt) > 0) {
                return true;
            }
            if (condition == Condition.STORED) {
                return false;
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sb_music_piece (class_name, name, rate, "
                    + "samples, audio, changed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, className);
                insert.setString(2, name);
                insert.setInt(3, clip.rate());
                insert.setLong(4, clip.samples().length);
                insert.setBytes(5, audio);
                insert.setObject(6, now);
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // stored meanwhile, on this server or another
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store music " + className + "/" + name + ": " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String className, String name, Clip clip, byte[] audio,
            OffsetDateTime now, OffsetDateTime storedAt) throws SQLException {
        String sql = "UPDATE sb_music_piece SET rate = ?, samples = ?, audio = ?, changed_at = ? WHERE class_name = ? "
                + "AND name = ?" + (storedAt == null ? "" : " AND changed_at = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, clip.rate());
            ps.setLong(2, clip.samples().length);
            ps.setBytes(3, audio);
            ps.setObject(4, now);
            ps.setString(5, className);
            ps.setString(6, name);
            if (storedAt != null) {
                ps.setObject(7, storedAt);
            }
            return ps.executeUpdate();
        }
    }

    /** @return whether the piece was there */
    boolean delete(String className, String name) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_music_piece WHERE class_name = ? AND "
                        + "name = ?")) {
            ps.setString(1, className);
            ps.setString(2, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot remove music " + className + "/" + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(samples);
        return b.array();
    }

    private static short[] samples(byte[] bytes) {
        short[] out = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }
}
