package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Call records through the running server: import a file, search it every way, export it. */
class CdrApiIT {

    private static final String[] ADMIN = { "admin", "cdr-it-secret" };

    @TempDir
    Path base;

    @Test
    void importSearchExportAndReimport() throws Exception {
        byte[] file;
        try (InputStream in = getClass().getResourceAsStream("/Master.csv")) {
            file = in.readAllBytes();
        }
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            awaitTotal(server, "*", 0); // the CDR resources register a moment after the health check is UP
            HttpResponse<String> imported = server.post(
                    "/cdr/import?format=asterisk-csv&source=asterisk:pbx1&fileName=Master.csv", file, ADMIN);
            assertEquals(200, imported.statusCode(), imported.body());
            JsonNode report = ServerProcess.JSON.readTree(imported.body());
            assertEquals(4, report.path("stored").asInt(), imported.body());
            assertEquals(3, report.path("errorCount").asInt());
            assertEquals(List.of(3, 5, 7), lines(report));
            assertEquals("Master.csv", report.path("errors").get(0).path("fileName").asText());

            // Searchable within a second of being stored.
            JsonNode all = awaitTotal(server, "*", 4);
            assertEquals(4, all.path("records").size());
            assertEquals(1, search(server, "callee:020*4567").path("total").asInt());
            assertEquals(2, search(server, "callee:*4567 OR disposition:answered").path("total").asInt());
            assertEquals(1, search(server, "disposition:failed AND sipCode:503").path("total").asInt());
            assertEquals(2, search(server, "start:[2026-11-01 TO 2026-11-01]").path("total").asInt());
            assertEquals(1, search(server, "alice").path("total").asInt());
            assertEquals(1, search(server, "duration:[300 TO *]").path("total").asInt());

            JsonNode faceted = server.getJson("/cdr/records?q=*&limit=0&facet=disposition&facet=hour", ADMIN);
            assertEquals(1, faceted.path("facets").path("disposition").path("answered").asInt());
            assertEquals(2, faceted.path("facets").path("disposition").path("failed").asInt() + faceted
                    .path("facets").path("disposition").path("busy").asInt());

            HttpResponse<String> bad = server.get("/cdr/records?q=" + enc("calee:123"), ADMIN);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("unknown field 'calee'"), bad.body());

            String id = all.path("records").get(0).path("id").asText();
            assertEquals(id, server.getJson("/cdr/records/" + id, ADMIN).path("id").asText());
            assertEquals(404, server.get("/cdr/records/no-such-id", ADMIN).statusCode());
            // an imported record has nothing the switch or the relay kept; an unknown attachment is named
            HttpResponse<String> noLadder = server.get("/cdr/records/" + id + "/ladder", ADMIN);
            assertEquals(404, noLadder.statusCode());
            assertTrue(noLadder.body().contains("has no ladder"), noLadder.body());
            assertEquals(404, server.get("/cdr/records/" + id + "/recording", ADMIN).statusCode());
            HttpResponse<String> unknown = server.get("/cdr/records/" + id + "/transcript", ADMIN);
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("No attachment named 'transcript'")
                    && unknown.body().contains("ladder, ladder.pcap, recording"), unknown.body());

            HttpResponse<String> csv = server.get("/cdr/export?format=csv&q=" + enc("disposition:answered"), ADMIN);
            assertEquals(200, csv.statusCode());
            String[] lines = csv.body().split("\r\n");
            assertEquals(2, lines.length, csv.body());
            assertTrue(lines[0].startsWith("id,source,sourceId,callIds,start"), lines[0]);
            assertTrue(lines[1].contains("1761984900.1") && lines[1].contains("Alice Smith"), lines[1]);
            HttpResponse<String> json = server.get("/cdr/export?format=json&sort=start&order=asc", ADMIN);
            JsonNode exported = ServerProcess.JSON.readTree(json.body());
            assertEquals(4, exported.size());
            assertEquals("2026-11-01T08:15:00Z", exported.get(0).path("start").asText());

            // The same file again adds nothing.
            JsonNode again = ServerProcess.JSON.readTree(server.post(
                    "/cdr/import?format=asterisk-csv&source=asterisk:pbx1&fileName=Master.csv", file, ADMIN).body());
            assertEquals(0, again.path("stored").asInt());
            assertEquals(4, again.path("duplicates").asInt());
            assertEquals(4, search(server, "*").path("total").asInt());

            HttpResponse<String> refused = server.post("/cdr/import?format=nope", file, ADMIN);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("nope"), refused.body());
            // refused before its body was read: the server reads it away (up to 1 MB; past that it closes
            // the connection and says so), so the connection carries the next request of this client
            assertEquals("", refused.headers().firstValue("Connection").orElse(""));

            // Saved searches belong to the caller and are checked before they are kept.
            HttpResponse<String> saved = server.put("/cdr/saved-searches/failed%20to%20London",
                    "{\"query\":\"callee:+4420* AND NOT disposition:answered\",\"facets\":[\"trunk\"]}", ADMIN);
            assertEquals(200, saved.statusCode(), saved.body());
            JsonNode list = server.getJson("/cdr/saved-searches", ADMIN);
            assertEquals(1, list.size());
            assertEquals("failed to London", list.get(0).path("name").asText());
            assertEquals("admin", list.get(0).path("owner").asText());
            assertEquals(400, server.put("/cdr/saved-searches/broken", "{\"query\":\"calee:1\"}", ADMIN).statusCode());
            assertEquals(200, server.delete("/cdr/saved-searches/failed%20to%20London", ADMIN).statusCode());
            assertEquals(0, server.getJson("/cdr/saved-searches", ADMIN).size());

            // Demo data: a populated system at once.
            JsonNode demo = ServerProcess.JSON.readTree(server.post("/cdr/demo?count=2000&days=3", new byte[0], ADMIN).body());
            assertEquals(2000, demo.path("stored").asInt());
            JsonNode status = awaitIndexed(server, 2004);
            assertEquals(2004, status.path("storedRecords").asInt());
            assertTrue(status.path("importFormats").toString().contains("freeswitch-json"), status.toString());
            JsonNode retention = server.getJson("/cdr/retention", ADMIN);
            assertTrue(retention.path("dryRun").asBoolean());
            assertEquals(365, retention.path("retentionDays").asInt());
            assertEquals(0, server.terminate());
        }
    }

    private static JsonNode awaitIndexed(ServerProcess server, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode status;
        do {
            status = server.getJson("/cdr/status", ADMIN);
            if (status.path("indexedRecords").asInt() == count) {
                return status;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("Index did not reach " + count + ": " + status);
    }

    private static List<Integer> lines(JsonNode report) {
        List<Integer> lines = new ArrayList<>();
        report.path("errors").forEach(e -> lines.add(e.path("line").asInt()));
        return lines;
    }

    private static JsonNode search(ServerProcess server, String q) throws Exception {
        return server.getJson("/cdr/records?q=" + enc(q), ADMIN);
    }

    private static JsonNode awaitTotal(ServerProcess server, String q, int total) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode r = null;
        do {
            HttpResponse<String> response = server.get("/cdr/records?q=" + enc(q), ADMIN);
            if (response.statusCode() == 200) {
                r = ServerProcess.JSON.readTree(response.body());
                if (r.path("total").asInt() == total) {
                    return r;
                }
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("Expected " + total + " records for " + q + ", have " + r);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
