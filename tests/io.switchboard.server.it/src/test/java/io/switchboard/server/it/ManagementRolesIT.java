package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API's roles, audit log and cross-site defence on the running server: an admin makes an
 * operator and a viewer; each is allowed and refused what the table in docs/security.md says; the
 * operator's changes are in the audit log with who, from where, before and after and no secret;
 * a change posted as a web form would post it is refused.
 */
class ManagementRolesIT {

    private static final String[] ADMIN = { "admin", "roles-it-secret-1" };
    private static final String[] OPERATOR = { "olga", "operator-password-1" };
    private static final String[] VIEWER = { "victor", "viewer-password-12" };
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path base;

    @Test
    void eachRoleIsAllowedAndRefusedItsShareAndEveryChangeIsAudited() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1],
                "SWITCHBOARD_JAVA_OPTS", ServerProcess.hashingJvm()))) {
            assertEquals(201, server.put("/accounts/olga", "{\"role\":\"operator\",\"password\":\"" + OPERATOR[1] + "\"}",
                    ADMIN).statusCode());
            assertEquals(201, server.put("/accounts/victor", "{\"role\":\"viewer\",\"password\":\"" + VIEWER[1] + "\"}",
                    ADMIN).statusCode());
            assertEquals(400, server.put("/accounts/shorty", "{\"role\":\"viewer\",\"password\":\"short\"}", ADMIN)
                    .statusCode(), "a password under 12 characters");
            assertEquals("operator", server.getJson("/account", OPERATOR).path("role").asText());

            // the viewer reads, and changes nothing but its own password
            assertEquals(200, server.get("/sip/users", VIEWER).statusCode());
            assertEquals(200, server.get("/cdr/records?q=*", VIEWER).statusCode());
            int compare = server.post("/sip/routes/compare", "{}".getBytes(StandardCharsets.UTF_8), VIEWER).statusCode();
            assertTrue(compare != 401 && compare != 403, "comparing route versions changes nothing: " + compare);
            HttpResponse<String> refused = server.put("/sip/users/mallory", "{\"password\":\"mallory-pass\"}", VIEWER);
            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("'victor' is a viewer") && refused.body().contains("needs an operator"),
                    refused.body());
            assertEquals(403, server.get("/accounts", VIEWER).statusCode());
            assertEquals(403, server.get("/audit", VIEWER).statusCode());
            assertEquals(403, server.get("/cdr/records/1/recording", VIEWER).statusCode(), "recordings need an operator");
            assertEquals(200, server.put("/account/password",
                    "{\"current\":\"" + VIEWER[1] + "\",\"password\":\"viewer-password-13\"}", VIEWER)
                    .statusCode());
            String[] viewer = { VIEWER[0], "viewer-password-13" };
            assertEquals(401, server.get("/sip/users", VIEWER).statusCode(), "the old password stops at once");

            // the operator changes the switch, not the accounts, the audit log or the records' retention
            assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"carol-secret-1\",\"displayName\":\"Carol\"}",
                    OPERATOR).statusCode());
            assertEquals(200, server.put("/sip/users/carol", "{\"displayName\":\"Carol Danvers\",\"callClass\":\"internal\"}",
                    OPERATOR).statusCode());
            assertEquals(200, server.delete("/sip/registrations/carol", OPERATOR).statusCode());
            assertEquals(200, server.delete("/sip/users/carol", OPERATOR).statusCode());
            assertEquals(403, server.get("/accounts", OPERATOR).statusCode());
            assertEquals(403, server.put("/accounts/olga", "{\"role\":\"admin\"}", OPERATOR).statusCode(),
                    "no operator makes itself admin");
            assertEquals(403, server.get("/audit", OPERATOR).statusCode());
            assertEquals(403, server.post("/cdr/retention", new byte[0], OPERATOR).statusCode());
            assertEquals(200, server.get("/sip/users", viewer).statusCode());

            // a cross-site form post: the right credentials (a browser sends them itself), a form's content type
            for (String type : new String[] { "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x" }) {
                HttpResponse<String> form = send(server, "POST", "/cdr/demo?count=5", type, null, ADMIN);
                assertEquals(403, form.statusCode(), type);
                assertTrue(form.body().contains("X-Requested-By"), form.body());
            }
            assertEquals(403, send(server, "DELETE", "/accounts/victor", null, null, ADMIN).statusCode(),
                    "a DELETE without the header");
            assertEquals("viewer", server.getJson("/accounts/victor", ADMIN).path("role").asText());
            assertEquals(200, send(server, "DELETE", "/accounts/victor", null, "console", ADMIN).statusCode());

            // the admin keeps an admin
            assertEquals(400, server.put("/accounts/admin", "{\"role\":\"viewer\"}", ADMIN).statusCode());
            assertEquals(400, server.delete("/accounts/admin", ADMIN).statusCode(), "not one's own account");

            JsonNode audit = server.getJson("/audit?account=olga", ADMIN);
            assertEquals(4, audit.size(), audit.toPrettyString());
            JsonNode deleted = audit.get(0);
            JsonNode unregistered = audit.get(1);
            JsonNode changed = audit.get(2);
            JsonNode created = audit.get(3);
            assertTrue(unregistered.path("before").isNull(), "registrations have no GET by name");
            assertEquals(0, unregistered.path("after").path("removed").asInt(-1), "the answer says what was done");
            assertEquals("DELETE", deleted.path("method").asText());
            assertEquals("Carol Danvers", deleted.path("before").path("displayName").asText());
            assertTrue(deleted.path("after").isNull(), "gone after");
            assertEquals("PUT", changed.path("method").asText());
            assertEquals("/sip/users/carol", changed.path("path").asText());
            assertEquals("Carol", changed.path("before").path("displayName").asText());
            assertEquals("Carol Danvers", changed.path("after").path("displayName").asText());
            assertEquals("INTERNAL", changed.path("after").path("callClass").asText());
            assertTrue(created.path("before").isNull(), "nothing before a creation");
            assertEquals("operator", created.path("role").asText());
            assertEquals("127.0.0.1", created.path("address").asText());
            assertEquals(201, created.path("status").asInt());
            assertFalse(server.getJson("/audit", ADMIN).toString().contains("carol-secret-1"), "no secret in the log");
            JsonNode own = server.getJson("/audit?account=victor", ADMIN);
            assertEquals("/account/password", own.get(0).path("path").asText());
            JsonNode accounts = server.getJson("/audit?account=admin&limit=5", ADMIN);
            assertTrue(accounts.toString().contains("/accounts/olga"), accounts.toPrettyString());
            assertFalse(accounts.toString().contains(OPERATOR[1]), "account passwords masked");
            assertEquals(400, server.get("/audit?since=yesterday", ADMIN).statusCode());
        }
    }

    private static HttpResponse<String> send(ServerProcess server, String method, String path, String contentType,
            String requestedBy, String[] credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/v1" + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8)))
                .method(method, contentType == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("a=b"));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (requestedBy != null) {
            b.header("X-Requested-By", requestedBy);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
