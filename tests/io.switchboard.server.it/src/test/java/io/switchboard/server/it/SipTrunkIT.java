package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * Trunks, numbers and routes against SIPp carriers over loopback: an outbound call whose first
 * trunk answers 503 and fails over to the second (caller ID and codec filtering checked by the
 * carrier), an inbound call on a DID from a trunk known by its address, a registration trunk
 * registering with digest to a SIPp registrar, the route simulator, and the numbers CSV import.
 */
class SipTrunkIT {

    private static final String[] ADMIN = { "admin", "sip-trunk-it-secret" };
    private static final String ALICE_PASSWORD = "alice-password-1";
    private static final String CARRIER_SECRET = "carrier-secret-9";

    @TempDir
    Path base;

    @Test
    void trunksNumbersAndRoutes() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int carrierA = ServerProcess.freePort();
        int carrierB = ServerProcess.freePort();
        int carrierIn = ServerProcess.freePort();
        int registrar = ServerProcess.freePort();
        int bobPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            put(server, "/sip/users/alice", "{\"password\":\"" + ALICE_PASSWORD + "\",\"callClass\":\"international\"}", 201);
            put(server, "/sip/users/bob", "{\"password\":\"bob-password-22\"}", 201);
            put(server, "/sip/trunks/carrier-a", "{\"host\":\"127.0.0.1\",\"port\":" + carrierA
                    + ",\"addresses\":[\"127.0.0.1:" + carrierA + "\"],\"codecs\":[\"PCMA\"],\"probe\":false,"
                    + "\"maxChannels\":2}", 201);
            put(server, "/sip/trunks/carrier-b", "{\"host\":\"127.0.0.1\",\"port\":" + carrierB
                    + ",\"addresses\":[\"127.0.0.1:" + carrierB + "\"],\"probe\":false}", 201);
            put(server, "/sip/trunks/carrier-in", "{\"host\":\"127.0.0.1\",\"port\":" + carrierIn
                    + ",\"addresses\":[\"127.0.0.1:" + carrierIn + "\"],\"probe\":false}", 201);
            assertEquals(400, server.put("/sip/trunks/bad", "{\"host\":\"x\",\"transport\":\"sctp\"}", ADMIN)
                    .statusCode(), "unknown transport refused");
            twoAdminsChangeOneTrunk(server, carrierIn);
            twoAdminsChangeOneUser(server);
            put(server, "/sip/routes/uk", "{\"priority\":10,\"pattern\":\"+44.\",\"trunks\":[\"carrier-b\",\"carrier-a\"]}",
                    201);
            var badRoute = server.put("/sip/routes/bad", "{\"pattern\":\"00A\",\"trunks\":[\"carrier-a\"]}", ADMIN);
            assertEquals(400, badRoute.statusCode());
            assertTrue(badRoute.body().contains("Invalid pattern '00A'"), badRoute.body());
            twoAdminsChangeOneRoute(server);

            // numbers: CSV import keeps good lines and reports the bad one by its line number
            String csv = "number,destination,description,emergencyAddress,tags\n"
                    + "+442071110001,alice,Alice direct,\"1 Main St, London\",sales;uk\n"
                    + "+442071110002,bob,Bob direct,,uk\n"
                    + "not-a-number,bob,,,\n"
                    + "+442071110003,nobody,,,\n";
            JsonNode report = ServerProcess.JSON.readTree(server.post("/sip/numbers/import",
                    csv.getBytes(StandardCharsets.UTF_8), ADMIN).body());
            assertEquals(2, report.path("saved").asInt(), report.toString());
            assertEquals(4, report.path("errors").get(0).path("line").asInt(), report.toString());
            assertEquals(5, report.path("errors").get(1).path("line").asInt(), report.toString());
            JsonNode numbers = server.getJson("/sip/numbers", ADMIN);
            assertEquals("1 Main St, London", numbers.get(0).path("emergencyAddress").asText());
            assertTrue(server.get("/sip/numbers?format=csv", ADMIN).body().contains("+442071110002,bob,Bob direct"));
            // a number changed by two admins from one version: the second is refused, the first stays
            String bobs = "/sip/numbers/" + q("+442071110002");
            String tag = server.get(bobs, ADMIN).headers().firstValue("ETag").orElse("");
            assertEquals(200, server.put(bobs, "{\"destination\":\"bob\",\"description\":\"Bob's desk\"}", ADMIN,
                    Map.of("If-Match", tag)).statusCode());
            HttpResponse<String> late = server.put(bobs, "{\"destination\":\"alice\"}", ADMIN, Map.of("If-Match", tag));
            assertEquals(412, late.statusCode(), late.body());
            assertEquals("Bob's desk", server.getJson(bobs, ADMIN).path("description").asText(), "the first stays");

            // the simulator: which route, which trunks, what is sent, and why
            JsonNode sim = server.getJson("/sip/simulate?caller=alice&number=" + q("+442079461234")
                    + "&time=2026-11-24T12:00:00Z", ADMIN);
            assertEquals("uk", sim.path("route").asText(), sim.toString());
            assertEquals("+442079461234", sim.path("dialled").asText());
            assertEquals("carrier-b", sim.path("trunks").get(0).path("trunk").asText());
            assertEquals("no route", server.getJson("/sip/simulate?number=" + q("+33142684567"), ADMIN)
                    .path("result").asText());

            // outbound: carrier-b answers 503, carrier-a takes the call
            Sipp unavailable = Sipp.start(sipp, "sipp-503.xml", server.sipPort, carrierB, "u1", "-m", "1");
            Sipp answering = Sipp.start(sipp, "sipp-carrier.xml", server.sipPort, carrierA, "u1", "-m", "1");
            Thread.sleep(300);
            Sipp alice = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    "+442079461234", "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-d", "500",
                    "-m", "1");
            expectPass(server, alice, answering, unavailable);
            JsonNode out = record(server, "direction:outbound");
            assertEquals("carrier-a", out.path("trunkOut").asText(), out.toString());
            assertEquals("ANSWERED", out.path("disposition").asText());
            assertEquals("+442071110001", out.path("callerE164").asText(), "alice's number is her caller ID");
            assertEquals("+442079461234", out.path("calleeE164").asText());
            assertTrue(out.path("tags").path("failover").asText().contains("carrier-b: 503"), out.toString());

            // inbound: the carrier calls bob's number; no challenge, the trunk is known by its address
            Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, bobPort, "u1", "-s", "bob", "-au", "bob",
                    "-ap", "bob-password-22", "-key", "expires", "300", "-m", "1");
            assertEquals(0, reg.await(60), reg.report());
            lazyTrunkIsWarnedOf(server);
            Sipp bob = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Thread.sleep(300);
            Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierIn, "u1", "-s",
                    "+442071110002", "-key", "caller", "12125550100", "-d", "300", "-m", "1");
            expectPass(server, carrier, bob);
            JsonNode in = record(server, "direction:inbound");
            assertEquals("carrier-in", in.path("trunkIn").asText(), in.toString());
            assertEquals("+442071110002", in.path("did").asText());
            assertEquals("bob", in.path("tags").path("target").asText().replaceAll("sip:([a-z]+)@.*", "$1"));

            // a registration trunk: REGISTER, 401, REGISTER with our credentials, 200
            Sipp carrierRegistrar = Sipp.start(sipp, "sipp-registrar.xml", server.sipPort, registrar, "u1", "-m", "1");
            Thread.sleep(300);
            put(server, "/sip/trunks/carrier-reg", "{\"host\":\"127.0.0.1\",\"port\":" + registrar
                    + ",\"register\":true,\"authUser\":\"acct1\",\"password\":\"" + CARRIER_SECRET
                    + "\",\"registerExpires\":120,\"probe\":false,\"addresses\":[\"127.0.0.1:" + registrar + "\"]}", 201);
            assertEquals(0, carrierRegistrar.await(60), carrierRegistrar.report() + server.output());
            JsonNode live = awaitRegistered(server, "carrier-reg");
            assertEquals("registered", live.path("registration").asText(), live.toString());

            // a challenge without qop is not answered with the trunk's password
            int legacyPort = ServerProcess.freePort();
            Sipp legacy = Sipp.start(sipp, "sipp-registrar-no-qop.xml", server.sipPort, legacyPort, "u1", "-m", "1");
            Thread.sleep(300);
            put(server, "/sip/trunks/carrier-legacy", "{\"host\":\"127.0.0.1\",\"port\":" + legacyPort
                    + ",\"register\":true,\"authUser\":\"acct2\",\"password\":\"" + CARRIER_SECRET
                    + "\",\"registerExpires\":120,\"probe\":false,\"addresses\":[\"127.0.0.1:" + legacyPort + "\"]}", 201);
            assertEquals(0, legacy.await(60), "no second REGISTER: " + legacy.report() + server.output());
            String legacyState = server.get("/sip/trunks", ADMIN).body();
            assertTrue(legacyState.contains("offers no qop=auth"), legacyState);

            String trunks = server.get("/sip/trunks", ADMIN).body();
            assertFalse(trunks.contains(CARRIER_SECRET), "no trunk password in the API: " + trunks);
            assertTrue(trunks.contains("\"hasSecret\":true"), trunks);
            assertFalse(server.output().contains(CARRIER_SECRET), "no trunk password in the log");
            assertEquals(0, server.terminate());
        }
    }

    /**
     * A trunk saved with no addresses at the address bob registers from would take his calls for the
     * carrier's: the save says so (a Warning header, and the trunk's warnings when read), naming bob.
     */
    private static void lazyTrunkIsWarnedOf(ServerProcess server) throws Exception {
        var saved = server.put("/sip/trunks/lazy", "{\"host\":\"127.0.0.1\",\"port\":5099,\"probe\":false}", ADMIN);
        assertEquals(201, saved.statusCode(), saved.body());
        String warning = saved.headers().firstValue("Warning").orElse("");
        assertTrue(warning.startsWith("199 switchboard \"Trunk 'lazy' lists no addresses")
                && warning.contains("127.0.0.1 on any port") && warning.contains("the phones of bob"), warning);
        JsonNode read = server.getJson("/sip/trunks/lazy", ADMIN);
        assertTrue(read.path("warnings").get(0).asText().contains("127.0.0.1:5099"), read.toString());
        var listed = server.put("/sip/trunks/lazy", "{\"host\":\"127.0.0.1\",\"port\":5099,\"probe\":false,"
                + "\"addresses\":[\"127.0.0.1:5099\"]}", ADMIN);
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(listed.headers().firstValue("Warning").isEmpty(), "its addresses listed, nothing to warn of");
        assertEquals(2, server.delete("/sip/trunks/lazy", ADMIN).statusCode() / 100);
    }

    private static void put(ServerProcess server, String path, String body, int expected) throws Exception {
        var r = server.put(path, body, ADMIN);
        assertEquals(expected, r.statusCode(), path + ": " + r.body());
    }

    private static void expectPass(ServerProcess server, Sipp... runs) throws Exception {
        StringBuilder failures = new StringBuilder();
        for (Sipp s : runs) {
            if (s.await(60) != 0) {
                failures.append(s.report());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures + server.output());
        }
    }

    private static JsonNode record(ServerProcess server, String query) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode result = null;
        while (System.currentTimeMillis() < deadline) {
            result = server.getJson("/cdr/records?q=" + q(query), ADMIN);
            if (result.path("total").asInt() > 0) {
                assertEquals(1, result.path("total").asInt(), result.toString());
                return result.path("records").get(0);
            }
            Thread.sleep(200);
        }
        fail("No record for " + query + ": " + result + "\n" + server.output());
        return null;
    }

    private static JsonNode awaitRegistered(ServerProcess server, String trunk) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode live = null;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode t : server.getJson("/sip/trunks", ADMIN)) {
                if (t.path("live").path("name").asText().equals(trunk)) {
                    live = t.path("live");
                }
            }
            if (live != null && "registered".equals(live.path("registration").asText())) {
                return live;
            }
            Thread.sleep(300);
        }
        fail("Trunk " + trunk + " not registered: " + live + "\n" + server.output());
        return null;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Two admins read carrier-in at one version; the first one's change lands, the second one's, made against the
     * same version, is refused with 412 and the stored version, and nothing of it is written over the first's.
     */
    private static void twoAdminsChangeOneTrunk(ServerProcess server, int port) throws Exception {
        HttpResponse<String> read = server.get("/sip/trunks/carrier-in", ADMIN);
        String etag = read.headers().firstValue("ETag").orElse("");
        long version = ServerProcess.JSON.readTree(read.body()).path("trunk").path("version").asLong();
        assertEquals("\"" + version + "\"", etag, "the ETag is the trunk's version: " + read.body());
        String first = "{\"host\":\"127.0.0.1\",\"port\":" + port + ",\"addresses\":[\"127.0.0.1:" + port
                + "\"],\"probe\":false,\"callerId\":\"+442071119999\"}";
        HttpResponse<String> landed = server.put("/sip/trunks/carrier-in", first, ADMIN, Map.of("If-Match", etag));
        assertEquals(200, landed.statusCode(), landed.body());
        assertEquals("\"" + (version + 1) + "\"", landed.headers().firstValue("ETag").orElse(""));
        String second = "{\"host\":\"127.0.0.1\",\"port\":" + port + ",\"addresses\":[\"127.0.0.1\"],"
                + "\"probe\":false,\"version\":" + version + "}";
        HttpResponse<String> stale = server.put("/sip/trunks/carrier-in", second, ADMIN);
        assertEquals(412, stale.statusCode(), "made against the version the first change replaced: " + stale.body());
        assertTrue(stale.body().contains("changed meanwhile"), stale.body());
        assertEquals("\"" + (version + 1) + "\"", stale.headers().firstValue("ETag").orElse(""));
        JsonNode stored = ServerProcess.JSON.readTree(server.get("/sip/trunks/carrier-in", ADMIN).body()).path("trunk");
        assertEquals("+442071119999", stored.path("callerId").asText(), "the first change stays: " + stored);
        assertEquals("127.0.0.1:" + port, stored.path("addresses").path(0).asText(), "the second is not applied");
        assertEquals(412, server.put("/sip/trunks/carrier-in", first, ADMIN, Map.of("If-None-Match", "*"))
                .statusCode(), "create only, over a trunk that is there");
    }

    /**
     * Routes are tagged by what they hold: another route's change leaves uk's tag as it was, a change made
     * against uk's tag lands, and a second one made against the same tag is refused with 412 and the new tag.
     */
    private static void twoAdminsChangeOneRoute(ServerProcess server) throws Exception {
        String uk = "{\"pattern\":\"+44.\",\"trunks\":[\"carrier-b\",\"carrier-a\"],\"priority\":";
        String read = server.get("/sip/routes/uk", ADMIN).headers().firstValue("ETag").orElse("");
        assertTrue(read.matches("\"[0-9a-f]{24}\""), read);
        put(server, "/sip/routes/us", "{\"pattern\":\"+1.\",\"trunks\":[\"carrier-a\"]}", 201);
        assertEquals(read, server.get("/sip/routes/uk", ADMIN).headers().firstValue("ETag").orElse(""),
                "another route's change is not this one's");
        assertEquals(200, server.delete("/sip/routes/us", ADMIN).statusCode() / 100 * 100);
        HttpResponse<String> landed = server.put("/sip/routes/uk", uk + "11}", ADMIN, Map.of("If-Match", read));
        assertEquals(200, landed.statusCode(), landed.body());
        String now = landed.headers().firstValue("ETag").orElse("");
        assertFalse(now.equals(read) || now.isEmpty(), "a new tag for what it holds now: " + now);
        HttpResponse<String> stale = server.put("/sip/routes/uk", uk + "12}", ADMIN, Map.of("If-Match", read));
        assertEquals(412, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("Route uk was changed meanwhile"), stale.body());
        assertEquals(now, stale.headers().firstValue("ETag").orElse(""));
        assertEquals(11, server.getJson("/sip/routes/uk", ADMIN).path("priority").asInt(), "the first change stays");
        assertEquals(412, server.put("/sip/routes/uk", uk + "11}", ADMIN, Map.of("If-None-Match", "*")).statusCode(),
                "create only, over a route that is there");
    }

    /** Bob's user and what he may call are one object: a change made against a version before another's is refused. */
    private static void twoAdminsChangeOneUser(ServerProcess server) throws Exception {
        HttpResponse<String> read = server.get("/sip/users/bob", ADMIN);
        long version = ServerProcess.JSON.readTree(read.body()).path("version").asLong();
        assertEquals("\"" + version + "\"", read.headers().firstValue("ETag").orElse(""), read.body());
        HttpResponse<String> landed = server.put("/sip/users/bob", "{\"displayName\":\"Bob Example\","
                + "\"callClass\":\"national\"}", ADMIN, Map.of("If-Match", "\"" + version + "\""));
        assertEquals(200, landed.statusCode(), landed.body());
        assertEquals("\"" + (version + 1) + "\"", landed.headers().firstValue("ETag").orElse(""));
        HttpResponse<String> stale = server.put("/sip/users/bob", "{\"displayName\":\"Robert\",\"callClass\":"
                + "\"premium\",\"password\":\"bob-password-99\",\"version\":" + version + "}", ADMIN);
        assertEquals(412, stale.statusCode(), "made against the version the first change replaced: " + stale.body());
        assertTrue(stale.body().contains("changed meanwhile"), stale.body());
        assertEquals("\"" + (version + 1) + "\"", stale.headers().firstValue("ETag").orElse(""));
        JsonNode stored = server.getJson("/sip/users/bob", ADMIN);
        assertEquals("Bob Example", stored.path("displayName").asText(), "the first change stays: " + stored);
        assertTrue("national".equalsIgnoreCase(stored.path("callClass").asText()),
                "the second's class of service is not applied: " + stored);
        assertEquals(412, server.put("/sip/users/bob", "{\"password\":\"bob-password-77\"}", ADMIN,
                Map.of("If-None-Match", "*")).statusCode(), "create only, over a user that is there");
    }
}
