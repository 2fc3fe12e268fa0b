package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on PostgreSQL instead of H2, configured the way an admin does it: a .cfg file in
 * the settings folder. Runs against the PostgreSQL on 127.0.0.1:5432; under CI it must be there.
 */
class PostgresStoreIT {

    private static final String URL = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres");

    @TempDir
    Path base;

    @Test
    void serverKeepsItsStateInPostgres() throws Exception {
        String schema = "sb_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            Files.createDirectories(base.resolve("etc"));
            Files.writeString(base.resolve("etc/io.switchboard.store.jdbc.cfg"),
                    "url = " + URL + "?currentSchema=" + schema + "\nuser = " + USER + "\n");
            try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", "pg-admin-secret"))) {
                assertTrue(server.output().contains("Store ready: " + URL), server.output());
                assertEquals(200, server.get("/status", new String[] { "admin", "pg-admin-secret" }).statusCode());
                assertEquals(0, server.terminate());
            }
            try (Connection c = connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name, password_hash FROM " + schema + ".sb_account")) {
                assertTrue(rs.next(), "the admin account is in PostgreSQL");
                assertEquals("admin", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("pbkdf2-sha256$"), "stored hashed");
            }
            assertTrue(Files.notExists(base.resolve("data/db/switchboard.mv.db")), "no H2 file when PostgreSQL is set");
        } finally {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Connection connect() {
        try {
            return DriverManager.getConnection(URL, USER, "");
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("PostgreSQL at " + URL + " is required under CI but unreachable: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at " + URL + " unreachable: " + e.getMessage());
            return null;
        }
    }
}
