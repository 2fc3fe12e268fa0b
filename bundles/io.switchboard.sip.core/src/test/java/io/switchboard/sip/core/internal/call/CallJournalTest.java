package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.sip.core.internal.SwitchDatabase;
import io.switchboard.testing.Eventually;

/**
 * The call journal on an H2 file with the switch's schema: an answered call's row is committed
 * before the answer goes on; an ended call's final record is written over it only when the CDR
 * service has not stored it within the grace, and a restart then hands it over with its end; a
 * stored record's row goes.
 */
class CallJournalTest {

    @TempDir
    Path dir;
    private CallJournal journal;

    @AfterEach
    void stop() {
        journal.close();
    }

    @Test
    void aRecordStoredWithinTheGraceNeverHasItsFinalRowWritten() throws Exception {
        DataSource db = SwitchDatabase.migrated(dir);
        journal = new CallJournal(db, "node-1", 5);
        journal.answered(record("quick", false)).get();
        assertEquals("answered", state(db, "quick"));
        long ended = System.nanoTime();
        journal.ended(record("quick", true));
        while (System.nanoTime() - ended < CallJournal.ENDED_GRACE_MILLIS * 1_000_000 / 2) {
            String state = state(db, "quick");
            if (System.nanoTime() - ended < CallJournal.ENDED_GRACE_MILLIS * 1_000_000) { // a read within the grace
                assertEquals("answered", state, "within the grace the answer's row stays as it was");
            }
        }
        journal.stored(List.of(record("quick", true)));
        long until = System.nanoTime() + 3 * CallJournal.ENDED_GRACE_MILLIS * 1_000_000;
        while (System.nanoTime() < until) {
            String state = state(db, "quick");
            assertFalse("ended".equals(state), "the final record was written though the CDR service had it");
            Thread.sleep(10);
        }
        assertNull(state(db, "quick"), "the stored call's row went");
    }

    @Test
    void aRecordTheCdrServiceIsLateWithIsKeptWithItsEndAndHandedOverAtRestart() throws Exception {
        DataSource db = SwitchDatabase.migrated(dir);
        journal = new CallJournal(db, "node-1", 5);
        journal.answered(record("late", false)).get();
        journal.answered(record("up", false)).get();
        journal.ended(record("late", true));
        long until = System.nanoTime() + 20 * CallJournal.ENDED_GRACE_MILLIS * 1_000_000;
        while (!"ended".equals(state(db, "late")) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals("ended", state(db, "late"));

        CallJournal restarted = new CallJournal(db, "node-1", 5);
        List<CallRecord> recovered = restarted.recover();
        CallRecord late = recovered.stream().filter(r -> r.sourceId().equals("late")).findFirst().orElseThrow();
        CallRecord up = recovered.stream().filter(r -> r.sourceId().equals("up")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-11-01T00:01:00Z"), late.end(), "the BYE's time is kept");
        assertFalse(late.tags().containsKey(CallJournal.INTERRUPTED_TAG));
        assertNull(up.end(), "a call up at the stop is interrupted");
        assertEquals(List.of(true), List.of(up.tags().containsKey(CallJournal.INTERRUPTED_TAG)));

        restarted.stored(recovered);
        restarted.close();
        journal.close();
        until = System.nanoTime() + 5_000_000_000L;
        while ((state(db, "late") != null || state(db, "up") != null) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertNull(state(db, "late"), "handed over and stored: gone");
        assertNull(state(db, "up"), "handed over and stored: gone");
    }

    @Test
    void anEndedCallsRowThatFailedToCommitIsWrittenOnceTheDatabaseIsBack() throws Exception {
        DataSource db = SwitchDatabase.migrated(dir);
        AtomicBoolean away = new AtomicBoolean();
        AtomicInteger refused = new AtomicInteger();
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && away.get()) {
                        refused.incrementAndGet();
                        throw new SQLTransientConnectionException("The database is not answering");
                    }
                    try {
                        return method.invoke(db, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        journal = new CallJournal(flaky, "node-1", 5);
        journal.answered(record("outage", false)).get();
        away.set(true);
        journal.ended(record("outage", true));
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> refused.get() >= 2),
                "the final row is tried again after it failed: " + refused.get() + " attempt(s)");
        assertEquals("answered", state(db, "outage"));
        away.set(false);
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> "ended".equals(state(db, "outage"))),
                "once the database is back the call's end is in the journal, for a crash before its record is stored");
    }

    private static String state(DataSource db, String sourceId) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT state FROM sb_sip_call_journal WHERE id = '"
                        + CallJournal.key(record(sourceId, false)) + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static CallRecord record(String sourceId, boolean ended) {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        return new CallRecord(null, "switchboard", sourceId, List.of(sourceId), start, start, start.plusSeconds(2),
                ended ? start.plusSeconds(60) : null, ended ? 58 : 0, "1", null, null, "2", null, null, null, null,
                null, Disposition.ANSWERED, 200, null, null, null, null, null, null);
    }
}
