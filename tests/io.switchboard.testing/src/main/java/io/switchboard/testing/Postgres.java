package io.switchboard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL that runs on the test machine (127.0.0.1:5432, database {@code test}, trust
 * auth; {@code SWITCHBOARD_TEST_PG_URL} and {@code SWITCHBOARD_TEST_PG_USER} override). Every
 * test gets a schema of its own. Under CI ({@code CI=true}) an unreachable server fails the test;
 * elsewhere the test is skipped with the reason.
 */
public final class Postgres implements AutoCloseable {

    public static final String URL = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres");

    private final String schema;

    private Postgres(String schema) {
        this.schema = schema;
    }

    /** Creates a fresh, empty schema; close to drop it. */
    public static Postgres freshSchema() {
        String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Postgres(schema);
    }

    /** @return a connection to the test database; fails under CI, skips elsewhere when unreachable */
    public static Connection connect() {
        try {
            return DriverManager.getConnection(URL, USER, "");
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("PostgreSQL at " + URL + " is required under CI but unreachable: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at " + URL + " unreachable: " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    public String schema() {
        return schema;
    }

    /** @return the JDBC URL that works in this schema */
    public String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** @return a proxy in front of the test database that the test can cut; close it when done */
    public static CutProxy proxy() throws IOException {
        URI server = URI.create(URL.substring("jdbc:".length()));
        return new CutProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
    }

    /** @return the JDBC URL of this schema through the proxy */
    public String url(CutProxy proxy) {
        URI server = URI.create(URL.substring("jdbc:".length()));
        return "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getRawPath()
                + (server.getRawQuery() == null ? "?" : "?" + server.getRawQuery() + "&") + "currentSchema=" + schema;
    }

    @Override
    public void close() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
