package io.switchboard.cdr.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
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
        exercise(h2, 3);
    }

    @Test
    void roundTripDuplicatesScanAndRetentionOnPostgres() throws Exception {
        try (Postgres pg = Postgres.freshSchema()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(pg.url());
            ds.setUser(Postgres.USER);
            exercise(ds, 2);
        }
    }

    /** @param beforeDerivedIds how many changesets this database runs before ids became derived */
    private static void exercise(DataSource ds, int beforeDerivedIds) throws Exception {
        // A row stored before ids were derived from the natural key: the migration gives it its derived id.
        migrate(ds, beforeDerivedIds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO sb_cdr (id, source, source_id, start_ts, billable_seconds, direction, "
                    + "disposition, sip_code, hangup_side) VALUES ('5b0e2f47-old-random-id', 'asterisk:pbx1', "
                    + "'pbx1-0é', TIMESTAMP WITH TIME ZONE '2026-10-31 10:00:00+00', 0, 'OUTBOUND', 'FAILED', 503, "
                    + "'CALLEE')");
        }
        migrate(ds, Integer.MAX_VALUE);
        CdrTable table = new CdrTable(ds);
        String legacyId = CdrTable.idOf("asterisk:pbx1", "pbx1-0é", Instant.parse("2026-10-31T10:00:00Z"));
        assertEquals("pbx1-0é", table.get(legacyId).orElseThrow().sourceId(), "migrated to its derived id");
        StoreResult legacyAgain = table.insert(List.of(record("pbx1-0é", Instant.parse("2026-10-31T10:00:00Z"))));
        assertEquals(1, legacyAgain.duplicates(), "a record stored before the migration is still found as duplicate");
        table.deleteOlderThan(Instant.parse("2026-11-01T00:00:00Z"));

        CallRecord full = record("pbx1-1", Instant.parse("2026-11-01T10:00:00Z"));
        List<CallRecord> handedOn = new ArrayList<>();
        StoreResult first = table.insert(List.of(full, record("pbx1-2", Instant.parse("2026-11-02T10:00:00Z"))),
                handedOn::add);
        assertEquals(2, first.stored());
        assertEquals(0, first.duplicates());
        assertEquals(CdrTable.idOf("asterisk:pbx1", "pbx1-1", full.start()), first.ids().get(0),
                "the id is the natural key's");
        assertTrue(first.ids().get(0).compareTo(first.ids().get(1)) < 0, "ids sort by start time");
        assertEquals(List.of(full.withId(first.ids().get(0))), handedOn.subList(0, 1),
                "each new record is handed on with its id");

        // Field by field, as stored.
        CallRecord read = table.get(first.ids().get(0)).orElseThrow();
        assertEquals(full.withId(first.ids().get(0)), read);
        assertEquals(4.1, read.qualityA().mos());
        assertFalse(table.get("not-a-record-id").isPresent(), "an id that is no UUID finds nothing");
        assertFalse(table.get(CdrTable.idOf("other", "x", full.start())).isPresent());
        assertEquals(null, read.qualityB().rttMs());

        // The same records again, and a duplicate inside one batch: nothing stored twice.
        handedOn.clear();
        StoreResult again = table.insert(List.of(full, record("pbx1-3", Instant.parse("2026-11-03T10:00:00Z")),
                record("pbx1-3", Instant.parse("2026-11-03T10:00:00Z"))), handedOn::add);
        assertEquals(1, again.stored());
        assertEquals(2, again.duplicates());
        assertEquals(List.of("pbx1-3"), handedOn.stream().map(CallRecord::sourceId).toList(),
                "duplicates are not handed on");
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

    private static void migrate(DataSource ds, int changeSets) throws Exception {
        try (Connection c = ds.getConnection()) {
            Liquibase liquibase = new Liquibase(JdbcCdrStore.CHANGELOG,
                    new ClassLoaderResourceAccessor(CdrTableTest.class.getClassLoader()),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)));
            if (changeSets == Integer.MAX_VALUE) {
                liquibase.update("");
            } else {
                liquibase.update(changeSets, "");
            }
        }
    }
}
