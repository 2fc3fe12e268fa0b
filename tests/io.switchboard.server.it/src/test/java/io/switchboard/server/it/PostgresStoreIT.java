package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.testing.Postgres;
import io.switchboard.testing.Tones;

/**
 * The server on PostgreSQL instead of H2, configured the way an admin does it: a .cfg file in
 * the settings folder. Runs against the PostgreSQL on 127.0.0.1:5432; under CI it must be there.
 */
class PostgresStoreIT {

    @TempDir
    Path base;

    @Test
    void serverKeepsItsStateInPostgres() throws Exception {
        try (Postgres pg = Postgres.freshSchema()) {
            Files.createDirectories(base.resolve("etc"));
            Files.writeString(base.resolve("etc/io.switchboard.store.jdbc.cfg"),
                    "url = " + pg.url() + "\nuser = " + Postgres.USER + "\n");
            try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", "pg-admin-secret"))) {
                assertTrue(server.output().contains("Store ready: " + Postgres.URL), server.output());
                String[] admin = { "admin", "pg-admin-secret" };
                assertEquals(200, server.get("/status", admin).statusCode());
                // bytes kept and read back: a piece of music
                byte[] piece = Files.readAllBytes(Tones.write(base.resolve("piece.wav"), 440, 1));
                HttpResponse<String> stored = server.putBytes("/music/default/01", piece, "audio/wav", admin);
                assertEquals(201, stored.statusCode(), stored.body());
                HttpResponse<byte[]> read = server.getBytes("/music/default/01", null, admin);
                assertEquals(200, read.statusCode());
                assertEquals(piece.length, read.body().length, "8 kHz mono 16-bit, as sent");
                assertEquals(0, server.terminate());
            }
            try (Connection c = Postgres.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name, password_hash FROM " + pg.schema() + ".sb_account")) {
                assertTrue(rs.next(), "the admin account is in PostgreSQL");
                assertEquals("admin", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("pbkdf2-sha256$"), "stored hashed");
            }
            assertTrue(Files.notExists(base.resolve("data/db/switchboard.mv.db")), "no H2 file when PostgreSQL is set");
            assertEquals(List.of(), largeObjectColumns(pg.schema()),
                    "columns the stores write bytes to are bytea, not large-object oids (a SIP ladder could not be kept)");
        }
    }

    private static List<String> largeObjectColumns(String schema) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = Postgres.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ? AND data_type = 'oid'")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        return columns;
    }
}
