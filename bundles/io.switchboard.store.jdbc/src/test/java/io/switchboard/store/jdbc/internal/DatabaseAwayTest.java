package io.switchboard.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

import io.switchboard.testing.CutProxy;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Postgres;

class DatabaseAwayTest {

    @TempDir
    Path data;

    @Test
    void aDatabaseThatStopsAnsweringFailsBorrowersAtOnceUntilItAnswersAgain() throws Exception {
        try (Postgres pg = Postgres.freshSchema(); CutProxy proxy = Postgres.proxy();
                HikariDataSource pool = JdbcStore.open(
                        StoreSettings.of(MigratorTest.config(pg.url(proxy), Postgres.USER, 2, 2), data))) {
            DatabaseAway away = new DatabaseAway(pool, "test");
            try {
                assertEquals(1, selectOne(away));
                proxy.cut();
                // the pooled connections die with their next statement, then a borrow waits the pool's 2 s
                assertTrue(Eventually.within(Duration.ofSeconds(20), () -> fails(away) && away.awaySince() != null),
                        "a borrow that timed out marks the database away");
                SQLException atOnce = assertThrows(SQLException.class, () -> selectOne(away));
                assertTrue(atOnce.getMessage().startsWith("The database is not answering"), atOnce.getMessage());
                assertNotNull(away.awaySince());

                backAfterRestore(proxy, away);
            } finally {
                away.close();
            }
        }
    }

    @Test
    void aDatabaseThatFallsSilentFailsAStatementAfterTheSilenceTimeoutNotTheSystems() throws Exception {
        try (Postgres pg = Postgres.freshSchema(); CutProxy proxy = Postgres.proxy();
                HikariDataSource pool = JdbcStore.open(
                        StoreSettings.of(MigratorTest.config(pg.url(proxy), Postgres.USER, 2, 2, 2), data))) {
            DatabaseAway away = new DatabaseAway(pool, "test");
            try {
                assertEquals(1, selectOne(away));
                proxy.silence();
                // the connection was just used, so the pool hands it out unchecked and the statement waits for its
                // answer: without the silence timeout until the system's TCP timeout, a quarter of an hour
                assertThrows(SQLException.class,
                        () -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> selectOne(away)));
                assertTrue(Eventually.within(Duration.ofSeconds(30), () -> fails(away) && away.awaySince() != null),
                        "new connections unanswered mark the database away");
                backAfterRestore(proxy, away);
            } finally {
                away.close();
            }
        }
    }

    /** The proxy lets the database through again: the probe finds it back and a statement answers. */
    private static void backAfterRestore(CutProxy proxy, DatabaseAway away) throws Exception {
        proxy.restore();
        assertTrue(Eventually.within(Duration.ofSeconds(15), () -> away.awaySince() == null),
                "the probe finds the database back");
        assertEquals(1, selectOne(away));
    }

    private static boolean fails(DataSource source) {
        try {
            selectOne(source);
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    private static int selectOne(DataSource source) throws SQLException {
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
