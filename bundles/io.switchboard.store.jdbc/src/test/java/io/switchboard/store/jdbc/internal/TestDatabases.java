package io.switchboard.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL that runs on this machine (127.0.0.1:5432, database test, trust auth). Each call
 * gets a fresh schema so that tests never see each other's tables. Under CI ({@code CI=true}) an
 * unreachable server fails the test instead of skipping it.
 */
final class TestDatabases {

    static final String PG_URL = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    /** @return the JDBC URL of a new, empty schema */
    static String freshPostgresSchema() {
        String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("PostgreSQL at " + PG_URL + " is required under CI but unreachable: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at " + PG_URL + " unreachable: " + e.getMessage());
        }
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static void dropSchema(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
