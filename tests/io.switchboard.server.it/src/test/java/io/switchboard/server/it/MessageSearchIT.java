package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The message history searched in the call records' query language: by who, when and how for
 * every role; by what was written only once the admin opts in to indexing it, and then only by
 * an operator. Messages go through the switch (users offline, so each is kept: 202); the index
 * outlives a restart and catches up with what came meanwhile.
 */
class MessageSearchIT {

    private static final String[] ADMIN = { "admin", "message-search-it-secret" };
    private static final String[] VIEWER = { "vera", "vera-viewer-secret-1" };

    @TempDir
    Path base;

    @Test
    void searchesTheHistoryAndItsContentOnlyWhenOptedIn() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip phone = new RawSip()) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            for (String u : new String[] { "alice", "bob", "carol" }) {
                assertEquals(201, server.put("/sip/users/" + u, "{\"password\":\"" + u + "-password-1\"}", ADMIN)
                        .statusCode());
            }
            assertEquals(201, server.put("/accounts/vera", "{\"role\":\"viewer\",\"password\":\"" + VIEWER[1] + "\"}",
                    ADMIN).statusCode());
            send(phone, server, "alice", "bob", "The invoice 4711 is attached");
            send(phone, server, "alice", "carol", "Lunch at noon?");
            send(phone, server, "carol", "alice", "Yes, see you");

            assertEquals(2, awaitFound(server, "from:alice", 2, ADMIN).size());
            JsonNode toBob = awaitFound(server, "to:bob AND state:stored", 1, VIEWER);
            assertEquals("alice", toBob.get(0).path("from").asText(), "viewers search who and how: " + toBob);
            assertTrue(toBob.get(0).path("body").isMissingNode(), "never what was written");
            JsonNode carols = awaitFound(server, "", 2, ADMIN, "&user=carol");
            assertEquals("carol", carols.get(0).path("from").asText(), "carol's, newest first: " + carols);
            assertEquals("alice", carols.get(1).path("from").asText(), carols.toString());
            assertEquals(0, search(server, "invoice", ADMIN).size(), "bare words are never the content");
            HttpResponse<String> notIndexed = server.get("/messages?q=" + q("content:invoice"), ADMIN);
            assertEquals(400, notIndexed.statusCode());
            assertTrue(notIndexed.body().contains("indexContent"), notIndexed.body());
            HttpResponse<String> bad = server.get("/messages?q=" + q("colour:red"), ADMIN);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("unknown field 'colour'"), bad.body());

            // the admin opts in: the index is rebuilt with the content, which only operators may search
            Files.writeString(base.resolve("etc/io.switchboard.messaging.search.cfg"), "indexContent = true\n");
            JsonNode invoice = awaitFound(server, "content:invoice", 1, ADMIN);
            assertEquals("bob", invoice.get(0).path("to").asText());
            assertEquals(403, server.get("/messages?q=" + q("content:invoice"), VIEWER).statusCode(),
                    "a viewer may not learn which messages hold a word");
            assertEquals(403, server.get("/messages?q=%63%6F%6E%74%65%6E%74%3A%69nvoice&user=%62ob", VIEWER)
                    .statusCode(), "nor in an escaped spelling");
            assertEquals(400, server.get("/messages;x=y?q=" + q("content:invoice"), VIEWER).statusCode(),
                    "a path parameter is refused whoever asks");
            assertEquals(0, server.terminate());
        }

        // the index outlives a restart and catches up with what came since
        try (ServerProcess again = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip phone = new RawSip()) {
            again.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            send(phone, again, "bob", "carol", "Second invoice on its way");
            assertEquals(2, awaitFound(again, "content:invoice", 2, ADMIN).size());
            assertEquals(0, again.terminate());
        }
    }

    private static void send(RawSip phone, ServerProcess server, String from, String to, String text) throws Exception {
        RawSip.Reply reply = TextMessages.send(phone, server.sipPort, from, to, text, from, from + "-password-1");
        assertEquals(202, reply.status(), "kept for " + to + ": " + reply.text());
    }

    private static JsonNode search(ServerProcess server, String query, String[] who) throws Exception {
        HttpResponse<String> r = server.get("/messages?q=" + q(query), who);
        assertEquals(200, r.statusCode(), query + ": " + r.body());
        return ServerProcess.JSON.readTree(r.body());
    }

    /** @return the messages found once as many as expected are (the index follows the store within moments) */
    private static JsonNode awaitFound(ServerProcess server, String query, int expected, String[] who, String... more)
            throws Exception {
        String path = "/messages?q=" + q(query) + String.join("", more);
        HttpResponse<String> r = null;
        for (int i = 0; i < 100; i++) {
            r = server.get(path, who);
            if (r.statusCode() == 200 && ServerProcess.JSON.readTree(r.body()).size() == expected) {
                assertEquals(Integer.toString(expected), r.headers().firstValue("X-Total-Count").orElse(""));
                return ServerProcess.JSON.readTree(r.body());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + ": expected " + expected + " messages, got " + r.statusCode() + " "
                + r.body() + "\n" + server.output());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
