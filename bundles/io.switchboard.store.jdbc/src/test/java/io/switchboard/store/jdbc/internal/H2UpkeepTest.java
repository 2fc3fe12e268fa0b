package io.switchboard.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The embedded database's file under a switch's pattern of writes, each commit on its own (records
 * appended, a hot row updated, rows that come and go), with and without the upkeep. H2 is told to
 * keep no dead chunk for its usual 45 s, so that what is left in the file is what the upkeep (or its
 * absence) leaves.
 */
class H2UpkeepTest {

    private static final int ROWS = 3_000;
    private static final int PAYLOAD = 600;

    @TempDir
    Path data;

    @Test
    void keepsTheFileNearItsDataWhereWithoutItTheFileGrowsSeveralTimesOver() throws Exception {
        long without = churn(data.resolve("without"), false);
        long with = churn(data.resolve("with"), true);
        long payload = (long) ROWS * PAYLOAD;
        assertTrue(with < 2 * payload + (1 << 20), "with the upkeep the file is " + with + " bytes for "
                + payload + " bytes of records");
        assertTrue(without > 2 * with, "without the upkeep the file (" + without + " bytes) would have grown "
                + "past twice its size with it (" + with + " bytes)");
    }

    @Test
    void theStopGivesBackTheSpaceThatTheRunningServerOnlyReuses() throws Exception {
        long payload = (long) ROWS * PAYLOAD;
        long compacted = churn(data.resolve("compacted"), false, true);
        assertTrue(compacted < 2 * payload + (1 << 20), "compacted at the stop, the file is " + compacted
                + " bytes for " + payload + " bytes of records");
    }

    private static long churn(Path dir, boolean upkeep) throws Exception {
        return churn(dir, upkeep, false);
    }

    /** @return the file's size after the churn, or after the stop's compaction when asked for */
    private static long churn(Path dir, boolean upkeep, boolean compactAtStop) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(StoreSettings.defaultH2Url(dir) + ";RETENTION_TIME=0");
        HikariConfig config = new HikariConfig();
        config.setDataSource(h2);
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config);
                H2Upkeep keeper = new H2Upkeep(pool, 3_600_000)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE cdr(id BIGINT PRIMARY KEY, body VARBINARY(2000))");
                s.execute("CREATE TABLE hot(id INT PRIMARY KEY, n BIGINT)");
                s.execute("CREATE TABLE journal(id BIGINT PRIMARY KEY, body VARBINARY(2000))");
                s.execute("INSERT INTO hot VALUES (1, 0)");
            }
            byte[] body = new byte[PAYLOAD];
            try (Connection c = pool.getConnection();
                    PreparedStatement record = c.prepareStatement("INSERT INTO cdr VALUES (?, ?)");
                    PreparedStatement open = c.prepareStatement("INSERT INTO journal VALUES (?, ?)");
                    PreparedStatement close = c.prepareStatement("DELETE FROM journal WHERE id = ?");
                    PreparedStatement count = c.prepareStatement("UPDATE hot SET n = n + 1 WHERE id = 1")) {
                for (int i = 0; i < ROWS; i++) {
                    ThreadLocalRandom.current().nextBytes(body);
                    open.setLong(1, i);
                    open.setBytes(2, body);
                    open.executeUpdate();
                    record.setLong(1, i);
                    record.setBytes(2, body);
                    record.executeUpdate();
                    count.executeUpdate();
                    close.setLong(1, i);
                    close.executeUpdate();
                    if (upkeep && i % 200 == 199) {
                        keeper.run();
                    }
                }
            }
            if (compactAtStop) {
                keeper.close();
                keeper.compactAtStop();
            }
            return Files.size(dir.resolve("db").resolve("switchboard.mv.db"));
        }
    }
}
