package io.switchboard.sip.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each ladder is written on its own merits: a batch with a repeated Call-ID and one too long for its
 * column keeps every other ladder (under the fuzzer one repeated Call-ID lost a whole batch).
 */
class LadderStoreTest {

    @TempDir
    Path dir;

    @Test
    void aRepeatedOrBadLadderIsSkippedNeverItsBatch() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("ladders"));
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sb_sip_ladder (call_id VARCHAR(255) PRIMARY KEY, started TIMESTAMP WITH TIME ZONE "
                    + "NOT NULL, messages INT NOT NULL, dropped INT NOT NULL, ladder VARBINARY(1000000) NOT NULL)");
        }
        LadderStore store = new LadderStore(h2); // no writer: close() writes everything queued as one batch
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add("call-" + i + "@fuzz");
        }
        for (String id : ids) {
            store.save(new CallLadder(id, Instant.now(), 10, 10_000));
        }
        store.save(new CallLadder("call-7@fuzz", Instant.now(), 10, 10_000)); // a phone reused a Call-ID
        store.save(new CallLadder("x".repeat(300), Instant.now(), 10, 10_000)); // longer than the column
        store.close();
        assertEquals(ids.size(), count(h2), "every ladder but the bad one is kept");
        for (String id : ids) {
            assertTrue(store.json(id).isPresent(), id);
        }
        assertEquals(2, LadderStore.latestPerCall(List.of(new CallLadder("a", Instant.now(), 1, 1),
                new CallLadder("b", Instant.now(), 1, 1), new CallLadder("a", Instant.now(), 1, 1))).size());
    }

    /** A ladder keeps the switch's address of each message; one kept before it did reads without it. */
    @Test
    void theSwitchsAddressIsKeptAndOldLaddersStillRead() {
        CallLadder ladder = new CallLadder("c", Instant.now(), 10, 10_000);
        ladder.add("c", true, "198.51.100.7:5062", "192.0.2.10:5060", "INVITE sip:b@x SIP/2.0\r\n\r\n");
        String packed = new String(LadderStore.gunzip(LadderStore.pack(ladder.entries())), StandardCharsets.UTF_8);
        assertEquals(ladder.entries(), LadderStore.unpack(packed));
        String old = "2026-01-01T00:00:00Z\tA\tin\t198.51.100.7:5062\t4\nBYE ";
        CallLadder.Entry before = LadderStore.unpack(old).get(0);
        assertEquals(null, before.local());
        assertEquals("BYE ", before.message());
    }

    private static long count(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sb_sip_ladder")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
