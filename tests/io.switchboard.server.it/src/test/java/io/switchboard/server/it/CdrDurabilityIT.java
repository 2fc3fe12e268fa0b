package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kill -9 in the middle of a large import: after a restart every record the server reported
 * stored is there, none twice, and the index agrees with the database; importing everything again
 * completes the set without a duplicate.
 */
class CdrDurabilityIT {

    private static final String[] ADMIN = { "admin", "durability-secret" };
    private static final int FILES = 12;
    private static final int LINES = 2500;

    @TempDir
    Path base;

    @Test
    void killNineDuringImportLosesNothingReportedAndDuplicatesNothing() throws Exception {
        List<byte[]> files = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            files.add(file(f));
        }
        AtomicLong reportedStored = new AtomicLong();
        AtomicInteger completedFiles = new AtomicInteger();
        ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        try {
            awaitCdr(server);
            Thread importer = new Thread(() -> {
                for (int f = 0; f < FILES; f++) {
                    try {
                        HttpResponse<String> r = server.post("/cdr/import?format=asterisk-csv&source=pbx&fileName=f"
                                + f + ".csv", files.get(f), ADMIN);
                        if (r.statusCode() != 200) {
                            return;
                        }
                        reportedStored.addAndGet(ServerProcess.JSON.readTree(r.body()).path("stored").asLong());
                        completedFiles.incrementAndGet();
                    } catch (Exception killed) {
                        return; // the server died under the request: nothing was reported for this file
                    }
                }
            });
            importer.start();
            long deadline = System.currentTimeMillis() + 120_000;
            while (completedFiles.get() < 3 && importer.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(importer.isAlive(), "the import must still be running when the server is killed");
            server.kill();
            importer.join(30_000);
        } finally {
            server.close();
        }
        long reported = reportedStored.get();
        assertTrue(reported >= 3L * LINES, "at least three files were reported stored: " + reported);

        try (ServerProcess again = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            JsonNode status = awaitConsistent(again);
            long stored = status.path("storedRecords").asLong();
            assertTrue(stored >= reported, "every reported record survived: " + stored + " >= " + reported);
            assertTrue(stored <= (long) FILES * LINES);
            // Index and database agree, record by record for a sample.
            JsonNode page = again.getJson("/cdr/records?q=*&limit=200&sort=start&order=asc", ADMIN);
            for (JsonNode r : page.path("records")) {
                assertEquals(200, again.get("/cdr/records/" + r.path("id").asText(), ADMIN).statusCode());
            }
            // Everything again: the set completes, nothing twice.
            long storedNow = 0;
            long duplicates = 0;
            for (int f = 0; f < FILES; f++) {
                JsonNode report = ServerProcess.JSON.readTree(again.post("/cdr/import?format=asterisk-csv&source=pbx"
                        + "&fileName=f" + f + ".csv", files.get(f), ADMIN).body());
                storedNow += report.path("stored").asLong();
                duplicates += report.path("duplicates").asLong();
            }
            assertEquals(stored, duplicates, "what survived the kill is recognised, not stored again");
            assertEquals((long) FILES * LINES, stored + storedNow);
            JsonNode end = awaitConsistent(again);
            assertEquals((long) FILES * LINES, end.path("storedRecords").asLong());
            assertEquals(0, again.terminate());
        }
    }

    private static byte[] file(int f) {
        StringBuilder sb = new StringBuilder(LINES * 200);
        for (int i = 0; i < LINES; i++) {
            int minute = i % 60;
            sb.append("\"acct\",\"20255501").append(f % 100).append("\",\"0207946").append(String.format("%04d", i))
                    .append("\",\"ctx\",\"\",\"PJSIP/a\",\"PJSIP/b\",\"Dial\",\"x\",\"2026-11-01 10:")
                    .append(String.format("%02d", minute)).append(":00\",\"2026-11-01 10:")
                    .append(String.format("%02d", minute)).append(":05\",\"2026-11-01 10:")
                    .append(String.format("%02d", minute)).append(":35\",35,30,\"ANSWERED\",\"DOCUMENTATION\",\"dur-")
                    .append(f).append('-').append(i).append("\",\"\"\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitCdr(ServerProcess server) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (server.get("/cdr/status", ADMIN).statusCode() != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("CDR service not up:\n" + server.output());
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the index holds exactly what the database holds (after any rebuild). */
    private static JsonNode awaitConsistent(ServerProcess server) throws Exception {
        awaitCdr(server);
        long deadline = System.currentTimeMillis() + 120_000;
        JsonNode status;
        do {
            status = server.getJson("/cdr/status", ADMIN);
            if (!status.path("rebuilding").asBoolean()
                    && status.path("storedRecords").asLong() == status.path("indexedRecords").asLong()) {
                Thread.sleep(600); // a refresh later, still equal?
                JsonNode again = server.getJson("/cdr/status", ADMIN);
                if (again.path("storedRecords").asLong() == again.path("indexedRecords").asLong()) {
                    return again;
                }
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("Index and database never agreed: " + status + "\n" + server.output());
    }
}
