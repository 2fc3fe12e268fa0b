package io.switchboard.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** The registrar's bindings on an H2 file, with this bundle's own changelog. */
class SipStoreTest {

    @TempDir
    Path dir;

    @Test
    void bindingsFromManyRegistersAtOnceAreCommittedTogetherAndSurviveARestart() throws Exception {
        DataSource ds = h2();
        migrate(ds);
        SipStore store = new SipStore(ds);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int users = 40;
        int contacts = 10;
        // REGISTERs arrive on several SIP threads at once, as under load
        ExecutorService sipThreads = Executors.newFixedThreadPool(8);
        List<CompletableFuture<CompletableFuture<Void>>> queued = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int c = 0; c < contacts; c++) {
                SipStore.Binding b = new SipStore.Binding("u" + u, "sip:u" + u + "@192.0.2." + c + ":5060",
                        now.plusSeconds(600 + c), c % 2 == 0 ? null : 0.5, "call-" + u + "-" + c, c + 1,
                        "udp:192.0.2." + c + ":5060", "Phone/1.0", now);
                queued.add(CompletableFuture.supplyAsync(() -> store.bindLater(b), sipThreads));
            }
        }
        for (CompletableFuture<CompletableFuture<Void>> q : queued) {
            q.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        }
        sipThreads.shutdown();
        long[] counts = store.bindingWriteCounts();
        assertEquals(users * contacts, counts[0], "every binding written once");
        assertTrue(counts[1] < counts[0] / 4, "written in batches, not a commit each: " + counts[1] + " commits");

        // a refresh of one contact replaces its binding instead of adding one
        SipStore.Binding refresh = new SipStore.Binding("u7", "sip:u7@192.0.2.3:5060", now.plusSeconds(3600), 1.0,
                "call-7-3", 99, "udp:192.0.2.3:5060", "Phone/1.1", now);
        store.bindLater(refresh).get(30, TimeUnit.SECONDS);

        // "restart": a new store on the same file sees what the first one committed
        SipStore restarted = new SipStore(h2());
        assertEquals(users * contacts, restarted.allBindings(now).size());
        List<SipStore.Binding> u7 = restarted.bindings("u7", now);
        assertEquals(contacts, u7.size());
        assertEquals(refresh, u7.get(0), "the refreshed binding, best q first");
        assertEquals("u3", restarted.bindings("u3", now).get(0).username());
        assertEquals(0, restarted.bindings("u3", now.plusSeconds(700)).size(), "expired bindings are not live");
    }

    @Test
    void bindingsQueuedWithinTheLingerShareOneCommit() throws Exception {
        DataSource ds = h2();
        migrate(ds);
        // a long linger, so that a slow machine's scheduling cannot split the batch
        SipStore store = new SipStore(ds, TimeUnit.MILLISECONDS.toNanos(500));
        Instant now = Instant.now();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            done.add(store.bindLater(new SipStore.Binding("u" + i, "sip:u" + i + "@192.0.2.1:5060", now.plusSeconds(600),
                    null, "call-" + i, 1, "udp:192.0.2.1:5060", null, now)));
            Thread.sleep(2); // one REGISTER after another, as a lightly loaded server sees them
        }
        for (CompletableFuture<Void> d : done) {
            d.get(30, TimeUnit.SECONDS);
        }
        assertEquals(10, store.bindingWriteCounts()[0]);
        assertEquals(1, store.bindingWriteCounts()[1], "one commit for bindings queued within the linger");
        assertEquals(10, store.allBindings(now).size());
    }

    private DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("sip"));
        return h2;
    }

    private static void migrate(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            new Liquibase(SipStore.CHANGELOG, new ClassLoaderResourceAccessor(SipStoreTest.class.getClassLoader()),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                    .update("");
        }
    }
}
