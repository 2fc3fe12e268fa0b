package io.switchboard.sip.core.internal.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
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
import org.junit.jupiter.api.AfterEach;
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

    /** A REGISTER of one contact, as the registrar hands it to the store. */
    private static SipStore.Registration register(String user, String contact, int expires, Double q, String callId,
            long cseq, Instant now) {
        return new SipStore.Registration(user, callId, cseq, List.of(new SipStore.ContactUpdate(contact, expires, q)),
                false, 10, "udp:192.0.2.1:5060", "Phone/1.0", now);
    }

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
        List<CompletableFuture<CompletableFuture<SipStore.Outcome>>> queued = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int c = 0; c < contacts; c++) {
                SipStore.Registration r = register("u" + u, "sip:u" + u + "@192.0.2." + c + ":5060", 600 + c,
                        c % 2 == 0 ? null : 0.5, "call-" + u + "-" + c, c + 1, now);
                queued.add(CompletableFuture.supplyAsync(() -> store.registerLater(r), sipThreads));
            }
        }
        for (CompletableFuture<CompletableFuture<SipStore.Outcome>> q : queued) {
            assertTrue(q.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS).ok());
        }
        sipThreads.shutdown();
        long[] counts = store.bindingWriteCounts();
        assertEquals(users * contacts, counts[0], "every binding written once");
        assertTrue(counts[1] < counts[0] / 4, "written in batches, not a commit each: " + counts[1] + " commits");

        // a refresh of one contact replaces its binding instead of adding one, and the answer lists
        // all the user's bindings, best q first
        SipStore.Outcome refreshed = store.registerLater(register("u7", "sip:u7@192.0.2.3:5060", 3600, 1.0,
                "call-7-3", 99, now)).get(30, TimeUnit.SECONDS);
        assertEquals(contacts, refreshed.bindings().size());
        SipStore.Binding refresh = refreshed.bindings().get(0);
        assertEquals(new SipStore.Binding("u7", "sip:u7@192.0.2.3:5060", now.plusSeconds(3600), 1.0, "call-7-3", 99,
                "udp:192.0.2.1:5060", "Phone/1.0", now), refresh);

        // restart: the database closed, a new store on the same file sees what the first one committed
        shutdown();
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
        // a long linger, so that a slow machine's scheduling cannot split the batch
        SipStore store = migratedStore(TimeUnit.MILLISECONDS.toNanos(500));
        Instant now = Instant.now();
        List<CompletableFuture<SipStore.Outcome>> done = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            done.add(store.registerLater(register("u" + i, "sip:u" + i + "@192.0.2.1:5060", 600, null, "call-" + i, 1,
                    now)));
            Thread.sleep(2); // one REGISTER after another, as a lightly loaded server sees them
        }
        for (CompletableFuture<SipStore.Outcome> d : done) {
            assertEquals(1, d.get(30, TimeUnit.SECONDS).bindings().size());
        }
        assertEquals(10, store.bindingWriteCounts()[0]);
        assertEquals(1, store.bindingWriteCounts()[1], "one commit for bindings queued within the linger");
        assertEquals(10, store.allBindings(now).size());
    }

    @Test
    void aFullBatchIsCommittedByTheThreadThatFillsItAndTheRestByTheTimer() throws Exception {
        SipStore store = migratedStore(TimeUnit.SECONDS.toNanos(2));
        Instant now = Instant.now();
        int extra = 7;
        List<CompletableFuture<SipStore.Outcome>> done = new ArrayList<>();
        for (int i = 0; i < BindingsWriter.BATCH_MAX + extra; i++) {
            done.add(store.registerLater(register("u" + i, "sip:u" + i + "@192.0.2.1:5060", 600, null, "call-" + i, 1,
                    now)));
        }
        // a full batch is committed at once, long before the 2 s linger: by the call that filled it, or
        // by the timer thread when it looked at the queue just then (the filler's tryLock then finds it
        // committing and returns; so "done when registerLater returns" is not guaranteed, and once failed in CI)
        for (int i = 0; i < BindingsWriter.BATCH_MAX; i++) {
            assertEquals(1, done.get(i).get(1, TimeUnit.SECONDS).bindings().size(),
                    "REGISTER " + i + " committed with its full batch");
        }
        assertEquals(1, store.bindingWriteCounts()[1]);
        for (int i = BindingsWriter.BATCH_MAX; i < done.size(); i++) {
            assertTrue(!done.get(i).isDone(), "REGISTER " + i + " waits for the linger");
        }
        // the rest: nobody else came, the timer commits them once the linger is over
        for (CompletableFuture<SipStore.Outcome> d : done) {
            assertEquals(1, d.get(30, TimeUnit.SECONDS).bindings().size());
        }
        assertEquals(2, store.bindingWriteCounts()[1]);
        assertEquals(BindingsWriter.BATCH_MAX + extra, store.allBindings(now).size());
    }

    @Test
    void registersOfOneUserInOneBatchAreDecidedInTurn() throws Exception {
        SipStore store = migratedStore(TimeUnit.MILLISECONDS.toNanos(500));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // at most 2 contacts: within one batch the third new contact is refused (403), as the
        // first two are already counted; a late retransmission of an older CSeq gets 500
        List<CompletableFuture<SipStore.Outcome>> batch = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            batch.add(store.registerLater(new SipStore.Registration("alice", "phone-" + i, 1,
                    List.of(new SipStore.ContactUpdate("sip:alice@192.0.2." + i, 600, null)), false, 2, "udp:x", null,
                    now)));
        }
        batch.add(store.registerLater(register("alice", "sip:alice@192.0.2.1", 600, null, "phone-1", 1, now)));
        assertEquals(1, batch.get(0).get(30, TimeUnit.SECONDS).bindings().size());
        assertEquals(2, batch.get(1).get(30, TimeUnit.SECONDS).bindings().size());
        SipStore.Outcome third = batch.get(2).get(30, TimeUnit.SECONDS);
        assertEquals(403, third.refusal(), third.reason());
        SipStore.Outcome late = batch.get(3).get(30, TimeUnit.SECONDS);
        assertEquals(500, late.refusal(), late.reason());
        assertEquals(1, store.bindingWriteCounts()[1], "one commit for the batch");
        assertEquals(List.of("sip:alice@192.0.2.1", "sip:alice@192.0.2.2"),
                store.bindings("alice", now).stream().map(SipStore.Binding::contact).sorted().toList());

        // a refresh needs no room: still 2 contacts
        assertTrue(store.registerLater(register("alice", "sip:alice@192.0.2.2", 600, 0.9, "phone-2", 2, now))
                .get(30, TimeUnit.SECONDS).ok());
        // Expires 0 removes one contact; "*" removes the rest, except a binding of the same
        // Call-ID with a higher CSeq (a newer REGISTER of that phone)
        SipStore.Outcome removed = store.registerLater(register("alice", "sip:alice@192.0.2.1", 0, null, "phone-1", 2,
                now)).get(30, TimeUnit.SECONDS);
        assertEquals(List.of("sip:alice@192.0.2.2"), removed.bindings().stream().map(SipStore.Binding::contact).toList());
        SipStore.Outcome kept = store.registerLater(new SipStore.Registration("alice", "phone-2", 2, List.of(), true, 2,
                "udp:x", null, now)).get(30, TimeUnit.SECONDS);
        assertEquals(1, kept.bindings().size(), "CSeq 2 is not above the binding's 2");
        SipStore.Outcome all = store.registerLater(new SipStore.Registration("alice", "other-phone", 1, List.of(),
                true, 2, "udp:x", null, now)).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(), all.bindings());
        assertEquals(List.of(), store.bindings("alice", now));
    }

    @Test
    void aBindingChangedSeveralTimesInOneBatchIsWrittenOnceInItsLastState() throws Exception {
        SipStore store = migratedStore(TimeUnit.MILLISECONDS.toNanos(500));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);
        // rows from an hour ago: bob's has expired, carol's is live and will be removed, then bound again
        assertTrue(store.registerLater(register("bob", "sip:bob@192.0.2.9", 60, null, "bob-old", 1, before))
                .get(30, TimeUnit.SECONDS).ok());
        assertTrue(store.registerLater(register("carol", "sip:carol@192.0.2.8", 7200, null, "carol-1", 1, before))
                .get(30, TimeUnit.SECONDS).ok());
        long[] start = store.bindingWriteCounts();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<CompletableFuture<SipStore.Outcome>> batch = new ArrayList<>();
        for (int cseq = 1; cseq <= 5; cseq++) { // one phone refreshing five times
            batch.add(store.registerLater(register("alice", "sip:alice@192.0.2.1", 600 + cseq, null, "alice-1", cseq,
                    now)));
        }
        batch.add(store.registerLater(register("alice", "sip:alice@192.0.2.2", 600, null, "alice-2", 1, now)));
        batch.add(store.registerLater(register("alice", "sip:alice@192.0.2.2", 0, null, "alice-2", 2, now)));
        batch.add(store.registerLater(register("bob", "sip:bob@192.0.2.9", 300, 0.7, "bob-new", 1, now)));
        batch.add(store.registerLater(register("carol", "sip:carol@192.0.2.8", 0, null, "carol-1", 2, now)));
        batch.add(store.registerLater(register("carol", "sip:carol@192.0.2.8", 900, null, "carol-2", 1, now)));
        for (CompletableFuture<SipStore.Outcome> d : batch) {
            SipStore.Outcome o = d.get(30, TimeUnit.SECONDS);
            assertTrue(o.ok(), o.reason());
        }
        long[] end = store.bindingWriteCounts();
        assertEquals(1, end[1] - start[1], "one commit");
        assertEquals(4, end[0] - start[0], "one row per binding changed: alice's two, bob's, carol's");

        shutdown();
        SipStore restarted = new SipStore(h2());
        assertEquals(List.of(new SipStore.Binding("alice", "sip:alice@192.0.2.1", now.plusSeconds(605), null,
                "alice-1", 5, "udp:192.0.2.1:5060", "Phone/1.0", now)), restarted.bindings("alice", now),
                "the last refresh; the contact bound and removed in the batch is not there");
        assertEquals(List.of(new SipStore.Binding("bob", "sip:bob@192.0.2.9", now.plusSeconds(300), 0.7, "bob-new", 1,
                "udp:192.0.2.1:5060", "Phone/1.0", now)), restarted.bindings("bob", now), "the expired row renewed");
        assertEquals(List.of(new SipStore.Binding("carol", "sip:carol@192.0.2.8", now.plusSeconds(900), null,
                "carol-2", 1, "udp:192.0.2.1:5060", "Phone/1.0", now)), restarted.bindings("carol", now),
                "removed, then bound again by another phone");
        assertEquals(3, restarted.allBindings(before).size(), "no duplicate rows");
    }

    /** A store on a new H2 database with the switch's schema, its bindings lingering this long. */
    @Test
    void aDeviceRegisteringFromAnotherNetworkReplacesItsOwnBindingOnly() throws Exception {
        SipStore store = migratedStore(TimeUnit.MILLISECONDS.toNanos(5));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String phone = "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";
        // the mobile on Wi-Fi, over Outbound (reg-id 1), and a desk phone of the same user
        assertTrue(store.registerLater(new SipStore.Registration("bob", "wifi", 1,
                List.of(new SipStore.ContactUpdate("sip:bob@192.168.1.20:5060", 600, null, phone, 1)), false, 10,
                "udp:198.51.100.7:40000", "Mobile/1", now)).get(30, TimeUnit.SECONDS).ok());
        assertTrue(store.registerLater(register("bob", "sip:bob@192.0.2.50:5060", 600, null, "desk", 1, now))
                .get(30, TimeUnit.SECONDS).ok());
        // the same device's second flow (reg-id 2) is a binding of its own
        assertTrue(store.registerLater(new SipStore.Registration("bob", "wifi", 2,
                List.of(new SipStore.ContactUpdate("sip:bob@192.168.1.20:5062;transport=tcp", 600, null, phone, 2)),
                false, 10, "tcp:198.51.100.7:40001", "Mobile/1", now)).get(30, TimeUnit.SECONDS).ok());
        assertEquals(3, store.bindings("bob", now).size());

        // on LTE: a new address, a new Call-ID; its reg-id 1 flow replaces the Wi-Fi one, nothing else
        SipStore.Outcome moved = store.registerLater(new SipStore.Registration("bob", "lte", 1,
                List.of(new SipStore.ContactUpdate("sip:bob@10.20.30.40:5060", 600, null, phone, 1)), false, 10,
                "udp:203.0.113.9:51000", "Mobile/1", now.plusSeconds(5))).get(30, TimeUnit.SECONDS);
        assertTrue(moved.ok());
        List<String> contacts = store.bindings("bob", now.plusSeconds(5)).stream().map(SipStore.Binding::contact)
                .sorted().toList();
        assertEquals(List.of("sip:bob@10.20.30.40:5060", "sip:bob@192.0.2.50:5060",
                "sip:bob@192.168.1.20:5062;transport=tcp"), contacts);
        SipStore.Binding lte = store.bindings("bob", now.plusSeconds(5)).stream()
                .filter(b -> b.contact().startsWith("sip:bob@10.")).findFirst().orElseThrow();
        assertEquals(phone, lte.instanceId());
        assertEquals(1, lte.regId());
        assertTrue(lte.outbound());
        assertEquals("udp:203.0.113.9:51000", lte.source());
    }

    private SipStore migratedStore(long lingerNanos) throws Exception {
        DataSource ds = h2();
        migrate(ds);
        return new SipStore(ds, lingerNanos);
    }

    private DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        // open until shut down: without a pool each query's connection closed the database and the
        // next opened it again, and an open racing the close now and then found no tables (CI)
        h2.setURL("jdbc:h2:file:" + dir.resolve("sip") + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** Closes the database, as a stopping server does: the next connection opens it from the file. */
    private void shutdown() throws Exception {
        try (Connection c = h2().getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @AfterEach
    void closeDatabase() throws Exception {
        shutdown();
    }

    private static void migrate(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            new Liquibase(SipStore.CHANGELOG, new ClassLoaderResourceAccessor(SipStoreTest.class.getClassLoader()),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)))
                    .update("");
        }
    }
}
