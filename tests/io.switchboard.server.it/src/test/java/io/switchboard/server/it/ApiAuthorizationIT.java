package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's authorization as an attacker tries it, over raw HTTP so that nothing normalises the
 * path on the way: every rule of the role table in docs/security.md, each asked by each lesser role
 * in its plain spelling, with escaped letters, and with the ambiguous spellings (encoded slashes,
 * dot segments, path parameters, double escapes) that once slipped past the rules; a flood of
 * random-name logins that must not keep an admin waiting.
 */
class ApiAuthorizationIT {

    private static final String[] ADMIN = { "admin", "authz-it-secret-1" };
    private static final String[] OPERATOR = { "olga", "operator-password-1" };
    private static final String[] VIEWER = { "victor", "viewer-password-12" };

    /** One rule of the role table: a request and the least role that may make it. */
    private record Rule(String method, String path, String body, String[] leastRole) {
    }

    @TempDir
    Path base;

    @Test
    void noLesserRoleGetsPastAnyRuleInAnySpelling() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1],
                "SWITCHBOARD_JAVA_OPTS", ServerProcess.hashingJvm()))) {
            accounts(server);
            String grant = "{\"role\":\"admin\",\"password\":\"taken-over-1234\"}";
            List<Rule> rules = List.of(
                    new Rule("GET", "/health/checks", null, VIEWER),
                    new Rule("GET", "/sip/users", null, VIEWER),
                    new Rule("GET", "/cdr/records/1/recording", null, OPERATOR),
                    new Rule("GET", "/cdr/records/1/ladder", null, OPERATOR),
                    new Rule("GET", "/cdr/records/1/ladder.pcap", null, OPERATOR),
                    new Rule("GET", "/messages", null, VIEWER),
                    new Rule("GET", "/messages/1/body", null, OPERATOR),
                    new Rule("GET", "/presence/subscriptions", null, VIEWER),
                    new Rule("GET", "/voicemail/messages/1", null, VIEWER),
                    new Rule("GET", "/voicemail/messages/1/audio", null, OPERATOR),
                    new Rule("DELETE", "/voicemail/messages/1", null, OPERATOR),
                    new Rule("PUT", "/voicemail/mailboxes/alice", "{\"email\":\"mallory@example.net\"}", OPERATOR),
                    new Rule("PUT", "/presence/lists/front", "{\"members\":[]}", OPERATOR),
                    new Rule("GET", "/forwarding/users", null, VIEWER),
                    new Rule("PUT", "/forwarding/users/alice", "{\"always\":\"+442079460000\"}", OPERATOR),
                    new Rule("DELETE", "/forwarding/users/alice", null, OPERATOR),
                    new Rule("GET", "/groups", null, VIEWER),
                    new Rule("PUT", "/groups/sales", "{\"extension\":\"600\",\"members\":[\"alice\"]}", OPERATOR),
                    new Rule("DELETE", "/groups/sales", null, OPERATOR),
                    new Rule("GET", "/cluster/nodes", null, VIEWER),
                    new Rule("GET", "/schedules", null, VIEWER),
                    new Rule("PUT", "/schedules/office", "{\"timeZone\":\"UTC\"}", OPERATOR),
                    new Rule("DELETE", "/schedules/office", null, OPERATOR),
                    new Rule("GET", "/attendant/menus", null, VIEWER),
                    new Rule("GET", "/attendant/prompts", null, VIEWER),
                    new Rule("PUT", "/attendant/menus/800", "{\"greeting\":\"welcome\"}", OPERATOR),
                    new Rule("DELETE", "/attendant/menus/800", null, OPERATOR),
                    new Rule("PUT", "/attendant/prompts/office", "{}", OPERATOR),
                    new Rule("DELETE", "/attendant/prompts/office", null, OPERATOR),
                    new Rule("GET", "/music", null, VIEWER),
                    new Rule("GET", "/music/users", null, VIEWER),
                    new Rule("GET", "/music/users/alice", null, VIEWER),
                    new Rule("PUT", "/music/users/alice", "{\"class\":\"default\"}", OPERATOR),
                    new Rule("DELETE", "/music/users/alice", null, OPERATOR),
                    new Rule("GET", "/music/sales/01", null, VIEWER),
                    new Rule("PUT", "/music/sales/01", "{}", OPERATOR),
                    new Rule("DELETE", "/music/sales/01", null, OPERATOR),
                    new Rule("GET", "/paging/groups", null, VIEWER),
                    new Rule("PUT", "/paging/groups/800", "{\"members\":[\"alice\"]}", OPERATOR),
                    new Rule("DELETE", "/paging/groups/800", null, OPERATOR),
                    new Rule("GET", "/queues", null, VIEWER),
                    new Rule("GET", "/queues/600", null, VIEWER),
                    new Rule("GET", "/queues/600/status", null, VIEWER),
                    new Rule("PUT", "/queues/600", "{\"dynamic\":true}", OPERATOR),
                    new Rule("DELETE", "/queues/600", null, OPERATOR),
                    new Rule("PUT", "/queues/600/agents/alice", "{\"state\":\"READY\"}", OPERATOR),
                    new Rule("GET", "/queues/600/report", null, VIEWER),
                    new Rule("GET", "/queues/skills", null, VIEWER),
                    new Rule("GET", "/queues/skills/alice", null, VIEWER),
                    new Rule("PUT", "/queues/skills/alice", "{\"french\":8}", OPERATOR),
                    new Rule("GET", "/parking", null, VIEWER),
                    new Rule("GET", "/conference/rooms", null, VIEWER),
                    new Rule("PUT", "/conference/rooms/7001", "{\"name\":\"mallory's\"}", OPERATOR),
                    new Rule("DELETE", "/conference/rooms/7001", null, OPERATOR),
                    new Rule("PUT", "/conference/participants/x", "{\"muted\":true}", OPERATOR),
                    new Rule("DELETE", "/conference/participants/x", null, OPERATOR),
                    new Rule("POST", "/conference/rooms/7001/invite", "{\"target\":\"0900123456\"}", OPERATOR),
                    new Rule("GET", "/conference/rooms/7001/sessions", null, VIEWER),
                    new Rule("GET", "/emergency/calls", null, VIEWER),
                    new Rule("PUT", "/emergency/locations/fake", "{\"address\":{\"country\":\"US\",\"a3\":\"X\","
                            + "\"loc\":\"nowhere\"}}", OPERATOR),
                    new Rule("PUT", "/emergency/assignments", "{\"kind\":\"network\",\"key\":\"0.0.0.0/0\","
                            + "\"location\":\"fake\"}", OPERATOR),
                    new Rule("PUT", "/emergency/nomadic/alice", "{\"nomadic\":true}", OPERATOR),
                    new Rule("DELETE", "/emergency/locations/hq", null, OPERATOR),
                    new Rule("DELETE", "/emergency/assignments?kind=network&key=10.0.0.0/8", null, OPERATOR),
                    new Rule("GET", "/emergency/locate?user=alice&source=10.0.0.1", null, VIEWER),
                    new Rule("GET", "/sip/numbers/report", null, VIEWER),
                    new Rule("DELETE", "/sip/numbers/%2B15125550100", null, OPERATOR),
                    new Rule("PUT", "/sip/users/mallory", "{\"password\":\"mallory-secret-1\"}", OPERATOR),
                    new Rule("DELETE", "/sip/lockouts/source/203.0.113.9", null, OPERATOR),
                    new Rule("POST", "/cdr/reindex", "{}", OPERATOR),
                    new Rule("GET", "/accounts", null, ADMIN),
                    new Rule("GET", "/accounts/admin", null, ADMIN),
                    new Rule("PUT", "/accounts/olga", "{\"role\":\"admin\"}", ADMIN),
                    new Rule("PUT", "/accounts/mallory", grant, ADMIN),
                    new Rule("DELETE", "/accounts/admin", null, ADMIN),
                    new Rule("GET", "/audit", null, ADMIN),
                    new Rule("GET", "/webhooks/subscriptions", null, ADMIN),
                    new Rule("GET", "/webhooks/deliveries", null, ADMIN),
                    new Rule("PUT", "/webhooks/subscriptions/exfil", "{\"url\":\"https://203.0.113.9/x\","
                            + "\"events\":[\"*\"]}", ADMIN),
                    new Rule("DELETE", "/webhooks/subscriptions/crm", null, ADMIN),
                    new Rule("POST", "/webhooks/deliveries/1/resend", "{}", ADMIN),
                    new Rule("GET", "/webhooks/subscriptions/crm", null, ADMIN),
                    new Rule("POST", "/webhooks/subscriptions/crm/ping", "{}", ADMIN),
                    new Rule("GET", "/webhooks/deliveries/1", null, ADMIN),
                    new Rule("GET", "/webhooks/events", null, ADMIN),
                    new Rule("GET", "/directory/status", null, VIEWER),
                    new Rule("GET", "/directory/lookup", null, VIEWER),
                    new Rule("GET", "/callbacks", null, VIEWER),
                    new Rule("POST", "/calls", "{\"from\":\"olga\",\"to\":\"+15550100\"}", OPERATOR),
                    new Rule("DELETE", "/calls/x", null, OPERATOR),
                    new Rule("POST", "/callbacks", "{\"user\":\"olga\",\"number\":\"+15550100\"}", OPERATOR),
                    new Rule("DELETE", "/callbacks/1", null, OPERATOR),
                    new Rule("GET", "/tokens", null, ADMIN),
                    new Rule("GET", "/tokens/scopes", null, ADMIN),
                    new Rule("GET", "/tokens/crm", null, ADMIN),
                    new Rule("POST", "/tokens", "{\"name\":\"exfil\",\"scopes\":[\"read\"]}", ADMIN),
                    new Rule("DELETE", "/tokens/crm", null, ADMIN),
                    new Rule("POST", "/cdr/retention", "{}", ADMIN),
                    new Rule("POST", "/cdr/demo", "{}", OPERATOR),
                    new Rule("GET", "/settings", null, VIEWER),
                    new Rule("GET", "/settings/io.switchboard.sip", null, VIEWER));
            List<String> problems = new ArrayList<>();
            for (Rule rule : rules) {
                for (String[] who : new String[][] { null, VIEWER, OPERATOR }) {
                    if (who == rule.leastRole()) {
                        break; // the roles from here on may
                    }
                    for (String spelling : spellings(rule.path())) {
                        int status = send(server, rule.method(), "/api/v1" + spelling, rule.body(), who, null);
                        int expected = who == null ? 401 : 403;
                        // an ambiguous spelling may be refused as such (400) or judged as what it means
                        if (status != expected && !(ambiguous(spelling) && status == 400)) {
                            problems.add(rule.method() + " " + spelling + " as " + (who == null ? "nobody" : who[0])
                                    + " answered " + status);
                        }
                    }
                }
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            assertEquals("operator", server.getJson("/accounts/olga", ADMIN).path("role").asText(),
                    "the operator is still an operator");
            assertEquals(404, server.get("/accounts/mallory", ADMIN).statusCode(), "no account was made");
            assertEquals(404, server.get("/sip/users/mallory", ADMIN).statusCode(), "no SIP user was made");
            assertEquals(0, server.getJson("/forwarding/users", ADMIN).size(), "no forward was set");
            assertEquals(0, server.getJson("/groups", ADMIN).size(), "no group was made");
            assertEquals(0, server.getJson("/schedules", ADMIN).size(), "no schedule was made");
            assertEquals(0, server.getJson("/conference/rooms", ADMIN).size(), "no room was made");
            assertEquals(0, server.getJson("/emergency/locations", ADMIN).size(), "no emergency location was made");
            assertEquals(0, server.getJson("/webhooks/subscriptions", ADMIN).size(), "no webhook was made");
            assertEquals(0, server.getJson("/tokens", ADMIN).size(), "no token was made");
            assertEquals(0, server.getJson("/callbacks", ADMIN).size(), "no callback was asked for");

            // the role that may, may in the escaped spelling too: the rule judged what the servlet serves
            assertEquals(200, send(server, "GET", "/api/v1/%61ccounts/olga", null, ADMIN, null));
            assertEquals(200, send(server, "GET", "/api/v1/sip/%75sers", null, VIEWER, null));
            assertEquals(400, send(server, "GET", "/api/v1/sip/users;x=1", null, ADMIN, null),
                    "ambiguous spellings are refused whoever asks");

            // searches that read the whole index are not for viewers
            assertEquals(403, send(server, "GET", "/api/v1/cdr/records?q=callee:*1234", null, VIEWER, null));
            assertEquals(403, send(server, "GET", "/api/v1/cdr/export?q=callee:/.*99/", null, VIEWER, null));
            assertEquals(200, send(server, "GET", "/api/v1/cdr/records?q=callee:%2B4420*", null, VIEWER, null));
            assertEquals(200, send(server, "GET", "/api/v1/cdr/records?q=callee:*1234", null, OPERATOR, null));
        }
    }

    @Test
    void randomNameLoginFloodsDoNotKeepAnAdminWaiting() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1],
                "SWITCHBOARD_JAVA_OPTS", ServerProcess.hashingJvm()))) {
            assertEquals(201, server.put("/accounts/second", "{\"role\":\"admin\",\"password\":\"second-admin-pass\"}",
                    ADMIN).statusCode());
            // health never checks credentials: bad ones change nothing and buy no hashing
            for (int i = 0; i < 50; i++) {
                assertEquals(200, send(server, "GET", "/api/v1/health", null, new String[] { "admin", "guess" + i },
                        null));
            }
            InetAddress attacker = InetAddress.getByName("127.0.0.2");
            AtomicInteger refusedUnhashed = new AtomicInteger();
            AtomicInteger wrong = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sent.add(pool.submit(() -> {
                    String[] random = { UUID.randomUUID().toString().substring(0, 12), UUID.randomUUID().toString() };
                    int status = send(server, "GET", "/api/v1/status", null, random, attacker);
                    // 429: the address's budget is spent; 503: the hashings at once are taken
                    (status == 429 || status == 503 ? refusedUnhashed : status == 401 ? wrong : other).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            pool.shutdown();
            assertEquals(0, other.get(), "every flood login is refused with 401 or 429");
            // the budget is 30; the 8 requests in flight when it runs out may still be hashed
            assertTrue(wrong.get() >= 30 && wrong.get() <= 30 + 8, "past the address's budget nothing is hashed: "
                    + wrong.get() + " hashed, " + refusedUnhashed.get() + " refused before hashing");

            long t0 = System.nanoTime();
            assertEquals(200, send(server, "GET", "/api/v1/status", null, ADMIN, null));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < 1000, "the admin waited " + millis + " ms after the flood");
            assertEquals(200, send(server, "GET", "/api/v1/status", null, new String[] { "second", "second-admin-pass" },
                    null), "an admin whose password must be hashed gets in from its own address");
        }
    }

    private static void accounts(ServerProcess server) throws Exception {
        assertEquals(201, server.put("/accounts/olga", "{\"role\":\"operator\",\"password\":\"" + OPERATOR[1] + "\"}",
                ADMIN).statusCode());
        assertEquals(201, server.put("/accounts/victor", "{\"role\":\"viewer\",\"password\":\"" + VIEWER[1] + "\"}",
                ADMIN).statusCode());
    }

    /** @return the path as written, with escaped letters, and in the spellings that could be read two ways */
    static List<String> spellings(String path) {
        String first = path.substring(1, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
        String rest = path.substring(1 + first.length());
        String escapedFirst = String.format("%%%02x", (int) first.charAt(0)) + first.substring(1);
        String allEscaped = first.chars().mapToObj(c -> String.format("%%%02X", c)).reduce("", String::concat);
        List<String> spellings = new ArrayList<>(List.of(path, "/" + escapedFirst + rest, "/" + allEscaped + rest,
                "/" + first + ";jsessionid=1" + rest, "/" + first + "/." + rest, "/sip/../" + first + rest,
                "/sip/%2e%2e/" + first + rest, "/" + first + "/" + rest, "/" + "%25" + Integer.toHexString(first.charAt(0))
                        + first.substring(1) + rest));
        if (!rest.isEmpty()) {
            spellings.add("/" + first + "%2F" + rest.substring(1));
            spellings.add("/" + first + rest + ";x=y");
        }
        return spellings;
    }

    private static boolean ambiguous(String spelling) {
        return spelling.contains(";") || spelling.contains("%2F") || spelling.contains("%25")
                || spelling.contains("/.") || spelling.contains("%2e") || spelling.contains("//");
    }

    /** @return the status of one request written byte for byte, from the given local address */
    static int send(ServerProcess server, String method, String rawPath, String body, String[] who, InetAddress from)
            throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5000);
            socket.setSoTimeout(20_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\nX-Requested-By: authz-it\r\nContent-Length: " + content.length + "\r\n");
            if (body != null) {
                request.append("Content-Type: application/json\r\n");
            }
            if (who != null) {
                request.append("Authorization: Basic ").append(Base64.getEncoder()
                        .encodeToString((who[0] + ":" + who[1]).getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!answer.startsWith("HTTP/1.1 ")) {
                throw new IOException("No HTTP answer to " + method + " " + rawPath + ": " + answer);
            }
            return Integer.parseInt(answer.substring(9, 12));
        }
    }
}
