package io.switchboard.cdr.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.cdr.api.Quality;
import io.switchboard.cdr.api.StoreResult;
import io.switchboard.testing.Postgres;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** The CDR table on an H2 file and on PostgreSQL, with this bundle's own changelog. */
class CdrTableTest {

    @TempDir
    Path dir;

    @Test
    void roundTripDuplicatesScanAndRetentionOnH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("cdr"));
        exercise(h2);
    }

    @Test
    void roundTripDuplicatesScanAndRetentionOnPostgres() throws Exception {
        try (Postgres pg = Postgres.freshSchema()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(pg.url());
            ds.setUser(Postgres.USER);
            exercise(ds);
        }
    }

    private static void exercise(DataSource ds) throws Exception {
        migrate(ds);
        CdrTable table = new CdrTable(ds);
        CallRecord full = record("pbx1-1", Instant.parse("2026-11-01T10:00:00Z"));
        StoreResult first = table.insert(List.of(full, record("pbx1-2", Instant.parse("2026-11-02T10:00:00Z"))));
        assertEquals(2, first.stored());
        assertEquals(0, first.duplicates());

        // Field by field, as stored.
        CallRecord read = table.get(first.ids().get(0)).orElseThrow();
        assertEquals(full.withId(first.ids().get(0)), read);
        assertEquals(4.1, read.qualityA().mos());
        assertEquals(null, read.qualityB().rttMs());

        // The same records again, and a duplicate inside one batch: nothing stored twice.
        StoreResult again = table.insert(List.of(full, record("pbx1-3", Instant.parse("2026-11-03T10:00:00Z")),
                record("pbx1-3", Instant.parse("2026-11-03T10:00:00Z"))));
        assertEquals(1, again.stored());
        assertEquals(2, again.duplicates());
        assertEquals(first.ids().get(0), again.ids().get(0), "a duplicate reports the stored id");
        assertEquals(3, table.count());

        // Scan in batches holds all, in order.
        List<CallRecord> scanned = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        table.scan(batch -> {
            sizes.add(batch.size());
            scanned.addAll(batch);
        }, 2);
        assertEquals(List.of(2, 1), sizes);
        assertEquals(List.of("pbx1-1", "pbx1-2", "pbx1-3"), scanned.stream().map(CallRecord::sourceId).toList());

        // Retention: dry run counts, the real run deletes exactly those.
        Instant cut = Instant.parse("2026-11-02T12:00:00Z");
        assertEquals(2, table.countOlderThan(cut));
        List<String> deleted = table.deleteOlderThan(cut);
        assertEquals(2, deleted.size());
        assertTrue(deleted.contains(first.ids().get(0)));
        assertEquals(1, table.count());
        assertFalse(table.get(first.ids().get(0)).isPresent());
    }

    static CallRecord record(String sourceId, Instant start) {
        return new CallRecord(null, "asterisk:pbx1", sourceId, List.of("a84b4c76e66710@pc33.atlanta.example.com",
                "b-leg-1@sb"), start, start.plusMillis(1800), start.plusSeconds(5), start.plusSeconds(65), 60,
                "2025550100", "+12025550100", "Alice", "02079460000", "+442079460000", Direction.OUTBOUND, null,
                "carrier-a", null, Disposition.ANSWERED, 200, "OK", HangupSide.CALLEE, "PCMA",
                new Quality(4.1, 3.5, 0.2, 40.0), new Quality(3.9, null, 1.5, null),
                Map.of("accountcode", "acme", "amaflags", "DOCUMENTATION"));
    }

    private static void migrate(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            Liquibase liquibase = new Liquibase(JdbcCdrStore.CHANGELOG,
                    new ClassLoaderResourceAccessor(CdrTableTest.class.getClassLoader()),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)));
            liquibase.update("");
        }
    }
}
