package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * API tokens as the second outside review attacked them (issue 61, item 6), on one server. A token's
 * rights are the union of its scopes' rules path by path: a {@code read} + {@code calls} token may not
 * search what messages say, nor run a search that reads the whole call-record index, any more than
 * {@code read} alone, though {@code calls} makes it an operator on {@code /calls}. A {@code calls}
 * token reads and ends only the calls it placed: another token's or an operator's call is answered
 * 404, as a call that is not in progress, so that it learns nothing of them; accounts reach them all.
 */
class TokenScopesIT {

    private static final String[] ADMIN = { "admin", "token-scopes-it-1" };
    private static final String[] OPERATOR = { "olga", "operator-password-1" };

    @TempDir
    static Path base;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n"); // RawSip's digest
        // the content indexed, so that only the role stands between a token and a search of it
        Files.writeString(base.resolve("etc/io.switchboard.messaging.search.cfg"), "indexContent = true\n");
        server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        assertEquals(201, server.put("/accounts/olga", "{\"role\":\"operator\",\"password\":\"" + OPERATOR[1] + "\"}",
                ADMIN).statusCode());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aScopeThatChangesThingsLendsNoOperatorsRightsToWhatAnotherScopeOpens() throws Exception {
        String[] readAndCalls = token("review", "read", "calls");
        String[] read = token("reader", "read");
        String[] records = token("reports", "cdr:read", "recordings:read");
        String[] messages = token("inbox", "messages:read", "read");
        awaitMessageSearch(messages);

        // the review's searches of what messages say, and more spellings of ours
        List<String> contentQueries = List.of("content:invoice", "content:inv*", "content:/inv.*/",
                "from:alice OR content:invoice", "(content:invoice)", "-content:lunch", "content:invoice~1", "content:[a TO z]");
        // the review's whole-index searches of call records: a leading wildcard, a regular expression
        List<String> scans = List.of("callee:*1234", "*1234", "callee:/.*99/", "caller:?lice", "(callee:*00)",
                "callee:+4420* OR caller:*7");
        List<String> problems = new ArrayList<>();
        for (String[] token : List.of(readAndCalls, read)) {
            String who = token == read ? "read" : "read+calls";
            for (String q : contentQueries) {
                expect(problems, who, "/messages?q=" + q(q), 403, token);
            }
            for (String q : scans) {
                expect(problems, who, "/cdr/records?q=" + q(q), 403, token);
                expect(problems, who, "/cdr/export?q=" + q(q), 403, token);
            }
            expect(problems, who, "/cdr/records?q=" + q("callee:+4420*"), 200, token);
            expect(problems, who, "/messages?q=" + q("from:alice"), 200, token);
            expect(problems, who, "/messages/1/body", 403, token);
        }
        for (String q : scans) {
            expect(problems, "cdr:read+recordings:read", "/cdr/records?q=" + q(q), 403, records);
        }
        // what opens them: messages:read for the content, an operator account for the scans
        expect(problems, "messages:read", "/messages?q=" + q("content:invoice"), 200, messages);
        expect(problems, "an operator", "/cdr/records?q=" + q("callee:*1234"), 200, OPERATOR);
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        HttpResponse<String> refused = server.get("/messages?q=" + q("content:invoice"), readAndCalls);
        assertTrue(refused.body().contains("needs the operator role"), refused.body());
        HttpResponse<String> placing = server.post("/calls", json("{\"from\":\"nobody\",\"to\":\"1\"}"),
                readAndCalls);
        assertEquals(400, placing.statusCode(), "calls still opens /calls to it (no such user): " + placing.body());
    }

    @Test
    void aCallsTokenReadsAndEndsOnlyTheCallsItPlaced() throws Exception {
        server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
        assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"alice-password-1\"}", ADMIN).statusCode());
        assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"bob-password-12\"}", ADMIN).statusCode());
        String[] crm = token("crm", "calls");
        String[] helpdesk = token("helpdesk", "calls", "read");
        // alice's phone rings and never answers: each call stays in setup meanwhile
        try (RawSip alice = new RawSip(5000, new InetSocketAddress("127.0.0.5", 0))) {
            assertEquals(200, alice.register(server.sipPort, "alice", "alice-password-1"));
            String mine = place(crm);
            String another = place(helpdesk);
            String operators = place(OPERATOR);

            assertEquals(200, server.get("/calls/" + mine, crm).statusCode(), "its own");
            for (String other : List.of(another, operators)) {
                HttpResponse<String> get = server.get("/calls/" + other, crm);
                assertEquals(404, get.statusCode(), get.body());
                assertEquals("No call " + other + " in progress; an ended call is in the call records",
                        ServerProcess.JSON.readTree(get.body()).path("error").asText(), "as if there were none");
                HttpResponse<String> delete = server.delete("/calls/" + other, crm);
                assertEquals(404, delete.statusCode(), delete.body());
                assertEquals("No call " + other + " in progress",
                        ServerProcess.JSON.readTree(delete.body()).path("error").asText());
            }
            assertEquals(404, server.get("/calls/" + mine, helpdesk).statusCode(), "nor another token mine");
            assertEquals(404, server.delete("/calls/" + mine, helpdesk).statusCode());
            for (String id : List.of(mine, another, operators)) {
                assertEquals(200, server.get("/calls/" + id, OPERATOR).statusCode(), "still in progress: " + id);
            }

            assertEquals(200, server.delete("/calls/" + mine, crm).statusCode(), "it ends its own");
            assertEquals(200, server.delete("/calls/" + another, helpdesk).statusCode());
            assertEquals(200, server.delete("/calls/" + operators, OPERATOR).statusCode(), "accounts reach every call");
            PhoneChecks.await("the calls ended", () -> PhoneChecks.noCalls(server, ADMIN), server::output);
        }
    }

    /** @return the id of a click-to-call call from alice to bob, placed with these credentials */
    private static String place(String[] who) throws Exception {
        HttpResponse<String> placed = server.post("/calls", json("{\"from\":\"alice\",\"to\":\"bob\"}"), who);
        assertEquals(202, placed.statusCode(), placed.body());
        return ServerProcess.JSON.readTree(placed.body()).path("callId").asText();
    }

    private static void expect(List<String> problems, String who, String path, int status, String[] credentials)
            throws Exception {
        HttpResponse<String> r = server.get(path, credentials);
        if (r.statusCode() != status) {
            problems.add("GET " + path + " as " + who + ": " + r.statusCode() + " " + r.body() + ", not " + status);
        }
    }

    /** Waits for the message search, which opens after the server reports healthy. */
    private static void awaitMessageSearch(String[] credentials) throws Exception {
        PhoneChecks.await("the message search", () -> {
            try {
                return server.get("/messages?q=" + q("from:alice"), credentials).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, server::output);
    }

    private static String[] token(String name, String... scopes) throws Exception {
        HttpResponse<String> made = server.post("/tokens", json("{\"name\":\"" + name + "\",\"scopes\":[\""
                + String.join("\",\"", scopes) + "\"]}"), ADMIN);
        assertEquals(201, made.statusCode(), made.body());
        return new String[] { ServerProcess.JSON.readTree(made.body()).path("token").asText() };
    }

    private static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
