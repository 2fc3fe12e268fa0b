package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

/**
 * kill -9 under a steady call load: a carrier (SIPp) places 40 calls a second to a DID answered by
 * a registered phone (SIPp), each held 2 s, and the server is killed mid-stream. After a restart
 * on the same data, every call the carrier saw answered has exactly one record: completed, or
 * marked interrupted when it was still up at the kill; a call that ended before the kill keeps its
 * end (the journal holds the BYE's time until the record is stored).
 */
class SipCallDurabilityIT {

    private static final String[] ADMIN = { "admin", "sip-durability-it-secret" };

    @TempDir
    Path base;

    @Test
    void everyAnsweredCallHasExactlyOneRecordAfterKillNine() throws Exception {
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        int carrierPort = ServerProcess.freePort();
        ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        Sipp bob = null;
        Sipp carrier = null;
        Instant killed;
        try {
            server.awaitSip(ADMIN);
            bob = CarrierToBob.provision(server, ADMIN, sipp, carrierPort, bobPort, "+15550100000", 100_000);
            carrier = Sipp.start(sipp, "sipp-trunk-call-logged.xml", server.sipPort, carrierPort, "u1", "-s",
                    "+15550100000", "-key", "caller", "12125550100", "-d", "2000", "-r", "40", "-m", "100000",
                    "-trace_logs", "-log_file", sipp.resolve("answered.log").toString());
            Thread.sleep(8_000);
            killed = Instant.now();
            server.kill();
        } finally {
            if (carrier != null) {
                carrier.kill();
            }
            if (bob != null) {
                bob.kill();
            }
        }
        Set<String> answered = new TreeSet<>();
        try (Stream<String> lines = Files.lines(sipp.resolve("answered.log"))) {
            lines.filter(l -> l.startsWith("answered ")).forEach(l -> answered.add(l.substring(9).trim()));
        }
        assertTrue(answered.size() > 40, "calls answered before the kill: " + answered.size());

        try (ServerProcess again = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            Map<String, Integer> records = new HashMap<>();
            int interrupted = 0;
            List<String> endedBeforeTheKill = new ArrayList<>();
            for (int attempt = 0; attempt < 100; attempt++) {
                records.clear();
                interrupted = 0;
                endedBeforeTheKill.clear();
                for (int offset = 0;; offset += 1000) {
                    JsonNode page = again.getJson("/cdr/records?q=*&limit=1000&offset=" + offset, ADMIN);
                    for (JsonNode r : page.path("records")) {
                        records.merge(r.path("callIds").get(0).asText(), 1, Integer::sum);
                        if (r.path("tags").has("interrupted")) {
                            interrupted++;
                            // held 2 s, its BYE a second or more before the kill: the final row waits 100 ms for the
                            // CDR store, then its commit (once 300 ms after the BYE was not enough on the loaded CI
                            // machine; the bug this guards against kept rows 20 s)
                            if (Instant.parse(r.path("answer").asText()).isBefore(killed.minusMillis(3_000))) {
                                endedBeforeTheKill.add(r.path("callIds").get(0).asText() + " answered "
                                        + r.path("answer").asText());
                            }
                        }
                    }
                    if (page.path("records").size() < 1000) {
                        break;
                    }
                }
                if (records.keySet().containsAll(answered)) {
                    break;
                }
                Thread.sleep(200);
            }
            Set<String> missing = new TreeSet<>(answered);
            missing.removeAll(records.keySet());
            assertEquals(Set.of(), missing, "answered calls without a record (of " + answered.size() + ")");
            for (String id : answered) {
                assertEquals(1, records.get(id), "records of call " + id);
            }
            assertTrue(interrupted > 0, "calls up at the kill are marked interrupted");
            assertEquals(List.of(), endedBeforeTheKill, "calls that ended before the kill " + killed
                    + " (the journal keeps the BYE's time), of " + interrupted + " interrupted");
            assertTrue(again.output().contains("handed over again"), again.output());
        }
    }
}
