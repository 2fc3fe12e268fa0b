package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scoped API tokens on the running server: an admin makes a token for a CRM that reads call records
 * and keeps users in step; the token does that and is refused everything else (other areas, what
 * needs an admin, its own kind), its secret is shown once and kept nowhere readable, its uses are
 * audited under its name, and deleting it stops it at once.
 */
class ApiTokensIT {

    private static final String[] ADMIN = { "admin", "tokens-it-secret-1" };

    @TempDir
    Path base;

    @Test
    void aTokenDoesWhatItsScopesOpenAndNothingElse() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            HttpResponse<String> made = server.post("/tokens", json("{\"name\":\"crm\",\"scopes\":[\"cdr:read\","
                    + "\"provisioning\"],\"expiresDays\":90}"), ADMIN);
            assertEquals(201, made.statusCode(), made.body());
            assertEquals("no-store", made.headers().firstValue("Cache-Control").orElse(""));
            JsonNode issued = ServerProcess.JSON.readTree(made.body());
            String value = issued.path("token").asText();
            assertTrue(value.matches("sbt_[0-9a-f]{16}_[0-9a-f]{64}"), value);
            assertEquals("operator", issued.path("role").asText(), "provisioning changes things");
            assertEquals("admin", issued.path("createdBy").asText());
            String[] token = { value };

            // inside its scopes
            assertEquals(200, server.get("/cdr/records", token).statusCode());
            assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"carol-secret-1\"}", token).statusCode());
            assertEquals(200, server.delete("/sip/users/carol", token).statusCode());

            // outside them: other areas, recordings, what an admin does, tokens themselves
            HttpResponse<String> trunks = server.get("/sip/trunks", token);
            assertEquals(403, trunks.statusCode());
            assertTrue(trunks.body().contains("Token 'crm' has the scopes cdr:read, provisioning")
                    && trunks.body().contains("GET /api/v1/sip/trunks is outside them"), trunks.body());
            assertEquals(403, server.put("/sip/trunks/carrier", "{\"host\":\"203.0.113.9\"}", token).statusCode());
            assertEquals(403, server.get("/cdr/records/1/recording", token).statusCode());
            assertEquals(403, server.get("/accounts", token).statusCode());
            assertEquals(403, server.put("/accounts/mallory", "{\"role\":\"admin\",\"password\":\"mallory-password\"}",
                    token).statusCode());
            assertEquals(403, server.post("/tokens", json("{\"name\":\"more\",\"scopes\":[\"read\"]}"), token)
                    .statusCode(), "a token makes no tokens");
            assertEquals(403, server.get("/audit", token).statusCode());
            assertEquals(404, server.get("/accounts/mallory", ADMIN).statusCode());

            // a wrong secret, another issuer's token, a token in the Basic header
            HttpResponse<String> wrong = server.get("/cdr/records", new String[] { value.substring(0, 21)
                    + "0".repeat(64) });
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
            assertEquals(401, server.get("/cdr/records", new String[] { "eyJhbGciOiJub25lIn0.e30." }).statusCode());
            assertEquals(401, server.get("/cdr/records", new String[] { "crm", value }).statusCode(),
                    "a token is no account's password");

            // listed without its secret, with its last use; its changes audited under its name
            JsonNode listed = server.getJson("/tokens", ADMIN);
            assertEquals(1, listed.size());
            assertEquals("crm", listed.get(0).path("name").asText());
            assertEquals("127.0.0.1", listed.get(0).path("lastAddress").asText());
            assertFalse(listed.get(0).path("lastUsed").isNull());
            assertFalse(listed.get(0).path("expires").isNull());
            assertFalse(listed.toString().contains(value.substring(21)), "the secret is shown once");
            JsonNode audit = server.getJson("/audit?account=token:crm", ADMIN);
            assertEquals(2, audit.size(), audit.toPrettyString());
            assertEquals("/sip/users/carol", audit.get(1).path("path").asText());
            assertFalse(server.getJson("/audit", ADMIN).toString().contains(value.substring(21)),
                    "the token's making is audited without it");
            assertTrue(server.getJson("/tokens/scopes", ADMIN).toString().contains("recordings:read"));

            // bad requests are named
            HttpResponse<String> badScope = server.post("/tokens", json("{\"name\":\"x\",\"scopes\":[\"admin\"]}"),
                    ADMIN);
            assertEquals(400, badScope.statusCode());
            assertTrue(badScope.body().contains("Unknown scope 'admin'"), badScope.body());
            assertEquals(400, server.post("/tokens", json("{\"name\":\"crm\",\"scopes\":[\"read\"]}"), ADMIN)
                    .statusCode(), "the name is taken");
            assertEquals(400, server.post("/tokens", json("{\"name\":\"y\",\"scopes\":[]}"), ADMIN).statusCode());

            // deleted: refused at once
            assertEquals(200, server.delete("/tokens/crm", ADMIN).statusCode());
            assertEquals(401, server.get("/cdr/records", token).statusCode());
            assertEquals(404, server.get("/tokens/crm", ADMIN).statusCode());
        }
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
