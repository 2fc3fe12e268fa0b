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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.switchboard.media.audio.Clip;
import io.switchboard.music.api.MusicClass;
import io.switchboard.music.api.MusicPiece;
import io.switchboard.store.api.StoreException;

/** The table {@code sb_music_piece}: a row per piece, its audio 16-bit mono PCM at its own rate. */
final class MusicTable {

    private final DataSource db;

    MusicTable(DataSource db) {
        this.db = db;
    }

    /** @return every class with its pieces (without their audio), by name */
    Map<String, MusicClass> classes() {
        Map<String, List<MusicPiece>> pieces = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT class_name, name, rate, samples, changed_at FROM "
                        + "sb_music_piece ORDER BY class_name, name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int rate = rs.getInt(3);
                pieces.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new MusicPiece(rs.getString(2),
                        rs.getLong(4) / (double) rate, rate, rs.getObject(5, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the music classes: " + e.getMessage(), e);
        }
        Map<String, MusicClass> out = new LinkedHashMap<>();
        pieces.forEach((name, list) -> out.put(name, new MusicClass(name, list)));
        return out;
    }

    /** @return the class's pieces' audio, in their order; empty for a class without pieces */
    List<Clip> audio(String className) {
        List<Clip> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT rate, audio FROM sb_music_piece WHERE class_name = ? "
                        + "ORDER BY name")) {
            ps.setString(1, className);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Clip(samples(rs.getBytes(2)), rs.getInt(1)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read music class " + className + ": " + e.getMessage(), e);
        }
        return out;
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

    /** Stores a piece in place of the one of that name. */
    void put(String className, String name, Clip clip) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sb_music_piece WHERE class_name = ? AND "
                    + "name = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO sb_music_piece (class_name, name, rate, "
                            + "samples, audio, changed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, className);
                delete.setString(2, name);
                delete.executeUpdate();
                insert.setString(1, className);
                insert.setString(2, name);
                insert.setInt(3, clip.rate());
                insert.setLong(4, clip.samples().length);
                insert.setBytes(5, bytes(clip.samples()));
                insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store music " + className + "/" + name + ": " + e.getMessage(), e);
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
