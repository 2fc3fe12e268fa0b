package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Postgres;

/**
 * Call-record search on a real SolrCloud cluster (two Solr nodes, two shards) shared by two servers
 * on one PostgreSQL, against a server on the embedded Lucene index holding the same records (the
 * demo generator is seeded with the day):
 * <ul>
 * <li>records stored through one server are found through the other;</li>
 * <li>every query of the admin's language gives the same total, the same facets and the same
 * first pages on Solr as on Lucene, deep pages and a streamed export included; a bad query is
 * refused alike;</li>
 * <li>Solr stopped: records are still stored, searches say the index cannot answer (503); Solr
 * started again: the queued records reach it without a rebuild, and so do the records stored while
 * it starts and just after (which Solr may acknowledge and lose);</li>
 * <li>a rebuild from the database through either server fills the collection again.</li>
 * </ul>
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class SolrSearchIT {

    private static final String[] ADMIN = { "admin", "solr-it-secret" };
    private static final int RECORDS = 6000;

    @TempDir
    Path base;
    /** What a failed wait prints besides the awaited server's log: the other nodes' index lines, Solr's log. */
    private final List<ServerProcess> watched = new ArrayList<>();
    private SolrCloud cluster;

    @Test
    void twoServersSearchOneSolrCloudCollectionAsTheEmbeddedIndexWouldAnswer() throws Exception {
        try (SolrCloud solr = SolrCloud.start(base.resolve("solr"), 2, 2);
                Postgres pg = Postgres.freshSchema();
                ServerProcess one = node(pg, solr, 1);
                ServerProcess two = node(pg, solr, 2);
                ServerProcess lucene = ServerProcess.start(Files.createDirectories(base.resolve("lucene")),
                        Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            cluster = solr;
            watched.addAll(List.of(one, two));
            awaitTotal(one, "*", 0);
            awaitTotal(lucene, "*", 0);
            demo(one);
            demo(lucene);
            awaitTotal(two, "*", RECORDS); // stored through one, found through two
            awaitTotal(lucene, "*", RECORDS);
            assertEquals(RECORDS, two.getJson("/cdr/status", ADMIN).path("indexedRecords").asInt());

            LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            List<String> queries = List.of("*", "disposition:failed", "disposition:ANSWERED AND trunk:carrier-a",
                    "NOT disposition:answered", "(disposition:busy OR disposition:failed) AND NOT trunk:carrier-b",
                    "callee:+44*", "callee:*7", "caller:*0?", "duration:[60 TO 300]", "duration:{60 TO 300}",
                    "duration:[600 TO *]", "mos:[* TO 3.5]", "mos:{4.2 TO *]", "jitter:[20 TO *]", "hour:14",
                    "hour:[22 TO 2]", "hour:{21 TO 3}", "start:[" + yesterday + " TO " + yesterday + "]",
                    "start:[" + yesterday + "T10:00:00Z TO " + yesterday + "T11:30:00Z]", "start:" + yesterday,
                    "sipCode:503 OR sipCode:486", "direction:outbound AND pdd:[2000 TO *]", "reason:busy",
                    "reason:\"busy here\"", "codec:PCMA", "trunkOut:carrier-*", "trunk:[carrier-a TO carrier-b]");
            List<String> differences = new ArrayList<>();
            for (String q : queries) {
                compare(lucene, two, "/cdr/records?limit=25&facet=trunk&facet=disposition&facet=sipCode&facet=hour"
                        + "&facet=direction&facet=codec&q=" + enc(q), q, differences);
                compare(lucene, one, "/cdr/records?limit=10&offset=40&sort=start&order=asc&q=" + enc(q), q,
                        differences);
            }
            // pages deep in the results, past what a first page's collector holds
            compare(lucene, two, "/cdr/records?limit=50&offset=5000&q=*", "offset 5000", differences);
            assertEquals(List.of(), differences, "Solr answers as the embedded index does");

            for (String bad : List.of("calee:123", "duration:ten", "hour:24", "start:[yesterday TO *]",
                    "disposition:(failed")) {
                HttpResponse<String> onSolr = two.get("/cdr/records?q=" + enc(bad), ADMIN);
                HttpResponse<String> onLucene = lucene.get("/cdr/records?q=" + enc(bad), ADMIN);
                assertEquals(400, onSolr.statusCode(), bad + ": " + onSolr.body());
                assertEquals(400, onLucene.statusCode(), bad + ": " + onLucene.body());
            }
            assertTrue(two.get("/cdr/records?q=calee:1", ADMIN).body().contains("unknown field 'calee'"));

            // a streamed export walks the whole result with Solr's cursor, every record once
            HttpResponse<String> csv = two.get("/cdr/export?format=csv&q=" + enc("NOT disposition:answered"), ADMIN);
            assertEquals(200, csv.statusCode(), csv.body());
            long exported = csv.body().lines().skip(1).distinct().count();
            assertEquals(total(lucene, "NOT disposition:answered"), exported, "every record exported once");

            // Solr down: records are kept, searches say why they cannot answer; Solr up: the queue drains
            solr.stop();
            HttpResponse<String> imported = one.post(
                    "/cdr/import?format=asterisk-csv&source=asterisk:pbx1&fileName=Master.csv", masterCsv(), ADMIN);
            assertEquals(200, imported.statusCode(), imported.body());
            assertEquals(4, ServerProcess.JSON.readTree(imported.body()).path("stored").asInt(), imported.body());
            HttpResponse<String> down = two.get("/cdr/records?q=*", ADMIN);
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("cannot be reached"), down.body());
            assertEquals(200, lucene.post("/cdr/import?format=asterisk-csv&source=asterisk:pbx1&fileName=Master.csv",
                    masterCsv(), ADMIN).statusCode());
            // records keep coming while Solr starts again and in its first seconds back, when it may
            // acknowledge updates and lose them: every one of them must be found
            List<String> restartRecords = new CopyOnWriteArrayList<>();
            AtomicBoolean restarting = new AtomicBoolean(true);
            CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> feed(one, restarting, restartRecords));
            solr.start();
            Thread.sleep(3000);
            restarting.set(false);
            feeder.get(30, TimeUnit.SECONDS);
            assertTrue(restartRecords.size() > 10, restartRecords.size() + " records during the restart");
            assertEquals(200, lucene.post("/cdr/import?format=asterisk-csv&source=asterisk:pbx1&fileName=restart.csv",
                    String.join("\n", restartRecords).getBytes(StandardCharsets.UTF_8), ADMIN).statusCode());
            long all = RECORDS + 4 + restartRecords.size();
            awaitTotal(two, "*", all);
            awaitTotal(lucene, "*", all);
            for (String q : List.of("source:asterisk\\:pbx1", "source:asterisk*", "callee:*4567", "alice")) {
                compare(lucene, two, "/cdr/records?limit=10&q=" + enc(q), q, differences);
            }
            assertEquals(List.of(), differences, "the records stored while Solr was down are searched alike");
            assertTrue(one.output().contains("queued records' index work sent"), one.output());
            assertTrue(!one.output().contains("rebuilding the index") && !two.output().contains("rebuilding the index"),
                    "caught up without a rebuild");

            // the collection is derived: a rebuild from the database through either server fills it again
            HttpResponse<String> rebuilt = two.post("/cdr/reindex", new byte[0], ADMIN);
            assertEquals(200, rebuilt.statusCode(), rebuilt.body());
            assertEquals(all, ServerProcess.JSON.readTree(rebuilt.body()).path("indexed").asInt());
            awaitTotal(one, "*", all);
            compare(lucene, one, "/cdr/records?limit=25&facet=trunk&q=" + enc("disposition:failed"), "after the rebuild",
                    differences);
            assertEquals(List.of(), differences);
        }
    }

    /** A server on the shared database whose call-record index is the Solr collection. */
    private ServerProcess node(Postgres pg, SolrCloud solr, int n) throws Exception {
        Path dir = Files.createDirectories(base.resolve("node-" + n));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("io.switchboard.store.jdbc.cfg"), "url = " + pg.url() + "\nuser = "
                + Postgres.USER + "\n");
        Files.writeString(etc.resolve("io.switchboard.cdr.search.solr.cfg"), "urls = " + solr.urls()
                + "\ncollection = cdr\ntimeoutSeconds = 10\n");
        return ServerProcess.start(dir, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1], "SWITCHBOARD_NODE",
                "node-" + n));
    }

    private static void demo(ServerProcess server) throws Exception {
        HttpResponse<String> r = server.postBulk("/cdr/demo?count=" + RECORDS + "&days=3", ADMIN);
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Notes where the two servers' answers to one request differ: total, facets, records in order. */
    private static void compare(ServerProcess expected, ServerProcess actual, String path, String what,
            List<String> differences) throws Exception {
        JsonNode want = expected.getJson(path, ADMIN);
        JsonNode got = actual.getJson(path, ADMIN);
        if (want.path("total").asLong() != got.path("total").asLong()) {
            differences.add(what + ": total " + got.path("total") + " instead of " + want.path("total"));
        } else if (!want.path("facets").equals(got.path("facets"))) {
            differences.add(what + ": facets " + got.path("facets") + " instead of " + want.path("facets"));
        } else if (!sourceIds(want).equals(sourceIds(got))) {
            differences.add(what + ": records " + sourceIds(got) + " instead of " + sourceIds(want));
        }
    }

    private static List<String> sourceIds(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.path("records").forEach(r -> ids.add(r.path("sourceId").asText()));
        return ids;
    }

    private static long total(ServerProcess server, String q) throws Exception {
        return server.getJson("/cdr/records?limit=0&q=" + enc(q), ADMIN).path("total").asLong();
    }

    private void awaitTotal(ServerProcess server, String q, long total) throws Exception {
        long last = -1;
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> r = server.get("/cdr/records?limit=0&q=" + enc(q), ADMIN);
            if (r.statusCode() == 200) {
                last = ServerProcess.JSON.readTree(r.body()).path("total").asLong();
                if (last == total) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        StringBuilder why = new StringBuilder("'" + q + "' found " + last + " records, not " + total
                + ", within 60 s\n" + server.output());
        for (ServerProcess node : watched) {
            if (node != server) {
                why.append("\nAnother node's index lines:\n");
                node.output().lines().filter(l -> l.contains("Solr") || l.contains("index")).forEach(
                        l -> why.append(l).append('\n'));
            }
        }
        String solrLog = cluster == null ? "" : cluster.log();
        why.append("\nSolr's log, its end:\n").append(solrLog.substring(Math.max(0, solrLog.length() - 20_000)));
        throw new AssertionError(why.toString());
    }

    /** Imports one new record at a time through the server until told to stop, keeping the lines stored. */
    private static void feed(ServerProcess server, AtomicBoolean running, List<String> stored) {
        try {
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
            for (int n = 0; running.get(); n++) {
                LocalDateTime start = LocalDateTime.of(2026, 11, 4, 10, 0).plusSeconds(n * 17L);
                String line = "\"acme\",\"2025550199\",\"310555" + (1000 + n) + "\",\"from-internal\",\"\",\"PJSIP/erin-1\","
                        + "\"PJSIP/carrier-b-2\",\"Dial\",\"PJSIP/310555@carrier-b,60\",\"" + f.format(start) + "\",\"\","
                        + "\"" + f.format(start.plusSeconds(9)) + "\",9,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1762250400." + n + "\",\"\"";
                HttpResponse<String> r = server.post("/cdr/import?format=asterisk-csv&source=asterisk:pbx1&fileName=r.csv",
                        line.getBytes(StandardCharsets.UTF_8), ADMIN);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(1, ServerProcess.JSON.readTree(r.body()).path("stored").asInt(), r.body());
                stored.add(line);
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static byte[] masterCsv() throws Exception {
        try (InputStream in = SolrSearchIT.class.getResourceAsStream("/Master.csv")) {
            return in.readAllBytes();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
