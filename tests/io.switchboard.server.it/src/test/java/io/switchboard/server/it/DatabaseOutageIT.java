package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.CutProxy;
import io.switchboard.testing.Eventually;
import io.switchboard.testing.Postgres;

/**
 * A PostgreSQL outage under calls, cut by a proxy between the server and the database: the calls
 * hung up during it are billed their length, not the media timeout's; the calls a carrier places to
 * a known user during it connect; a REGISTER is answered 503 with Retry-After; {@code /health} says
 * DOWN; once the database is back every answered call has its one record.
 */
class DatabaseOutageIT {

    private static final String[] ADMIN = { "admin", "database-outage-it-secret" };
    private static final int HELD_SECONDS = 3;

    @TempDir
    Path base;

    @Test
    void callsDuringAnOutageConnectAndAreBilledTheirLength() throws Exception {
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (Postgres pg = Postgres.freshSchema(); CutProxy proxy = Postgres.proxy()) {
            Files.createDirectories(base.resolve("etc"));
            Files.writeString(base.resolve("etc/io.switchboard.store.jdbc.cfg"),
                    "url = " + pg.url(proxy) + "\nuser = " + Postgres.USER + "\n");
            int bobPort = ServerProcess.freePort();
            int carrierPort = ServerProcess.freePort();
            try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
                server.awaitSip(ADMIN);
                Sipp bob = CarrierToBob.provision(server, ADMIN, sipp, carrierPort, bobPort, "+15550100000", 1000);
                Sipp carrier = Sipp.start(sipp, "sipp-trunk-call-logged.xml", server.sipPort, carrierPort, "u1", "-s",
                        "+15550100000", "-key", "caller", "12125550100", "-d", Integer.toString(HELD_SECONDS * 1000),
                        "-r", "4", "-m", "64", "-trace_logs", "-log_file", sipp.resolve("answered.log").toString());
                try {
                    awaitAnswered(sipp, 8);
                    proxy.cut();
                    awaitHealth(server, 503);
                    try (RawSip phone = new RawSip(10_000, new InetSocketAddress("127.0.0.1", 0))) {
                        RawSip.Reply registered = phone.registerContact(server.sipPort, "bob", "bob-password-22",
                                "sip:bob@127.0.0.1:" + ServerProcess.freePort());
                        assertNotNull(registered, "a REGISTER during the outage is answered");
                        assertEquals(503, registered.status(), registered.text());
                        assertNotNull(registered.header("Retry-After"), registered.text());
                    }
                    int beforeRestore = answered(sipp).size();
                    awaitAnswered(sipp, beforeRestore + 8); // calls of the outage, to a user seen before it
                    proxy.restore();
                    assertEquals(0, carrier.await(120), "every call of the carrier connected: " + carrier.report());
                    awaitHealth(server, 200);
                } finally {
                    carrier.kill();
                    bob.kill();
                }
                assertEveryCallBilledItsLength(server, answered(sipp));
                assertTrue(server.output().contains("is not answering"), "the outage is in the log");
            }
        }
    }

    private static void assertEveryCallBilledItsLength(ServerProcess server, Set<String> answered) throws Exception {
        Map<String, Long> billed = new HashMap<>();
        // the records kept in memory during the outage are written every second once it is over
        Eventually.within(Duration.ofSeconds(60), () -> {
            billed.clear();
            JsonNode page = server.getJson("/cdr/records?q=*&limit=1000", ADMIN);
            for (JsonNode r : page.path("records")) {
                billed.merge(r.path("callIds").get(0).asText(), r.path("billableSeconds").asLong(), (a, b) -> -1L);
            }
            return billed.keySet().containsAll(answered);
        });
        Set<String> missing = new TreeSet<>(answered);
        missing.removeAll(billed.keySet());
        assertEquals(Set.of(), missing, "answered calls without a record, of " + answered.size());
        List<String> wrong = new ArrayList<>();
        billed.forEach((id, seconds) -> {
            // held 3 s; a call that waited for the database to be found away is answered up to 3 s late, and a
            // loaded machine adds its own delays: the fault this catches is a call billed to its media's 30 s timeout
            if (answered.contains(id) && (seconds < HELD_SECONDS - 1 || seconds > HELD_SECONDS + 8)) {
                wrong.add(id + " billed " + seconds + " s");
            }
        });
        assertEquals(List.of(), wrong, "calls held " + HELD_SECONDS + " s (-1 is a call with two records)");
    }

    private static void awaitHealth(ServerProcess server, int status) throws Exception {
        Eventually.within(Duration.ofSeconds(30), () -> server.get("/health", null).statusCode() == status);
        HttpResponse<String> health = server.get("/health", null);
        assertEquals(status, health.statusCode(), health.body());
    }

    private static void awaitAnswered(Path sipp, int count) throws Exception {
        Eventually.within(Duration.ofSeconds(60), () -> answered(sipp).size() >= count); // SIPp's log of them
        assertTrue(answered(sipp).size() >= count, "calls answered: " + answered(sipp).size() + ", wanted " + count);
    }

    private static Set<String> answered(Path sipp) throws Exception {
        Path log = sipp.resolve("answered.log");
        Set<String> ids = new TreeSet<>();
        if (Files.exists(log)) {
            try (Stream<String> lines = Files.lines(log)) {
                lines.filter(l -> l.startsWith("answered ")).forEach(l -> ids.add(l.substring(9).trim()));
            }
        }
        return ids;
    }
}
