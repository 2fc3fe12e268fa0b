package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A routing policy from outside: the sample least-cost plugin (samples/, built on sip.api only) is
 * dropped into the plugins folder of a running server with a rate table, and from then on the route
 * simulator and a real call both take the cheaper trunk first; taken out again, the route's own order
 * is back. The simulator goes the calls' one path: a caller who is no enabled user is refused.
 */
class RoutingPolicyIT {

    private static final String[] ADMIN = { "admin", "routing-policy-it-secret" };
    private static final String ALICE_PASSWORD = "alice-password-1";
    private static final String NUMBER = "+442079461234";

    @TempDir
    Path base;

    @Test
    void callsAndTheSimulatorFollowAHotDeployedPolicy() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int expensive = ServerProcess.freePort();
        int cheap = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            put(server, "/sip/users/alice", "{\"password\":\"" + ALICE_PASSWORD + "\",\"callClass\":\"international\"}");
            put(server, "/sip/users/mallory", "{\"password\":\"mallory-password\",\"enabled\":false}");
            put(server, "/sip/numbers/" + q("+442071110001"), "{\"destination\":\"alice\"}");
            for (Map.Entry<String, Integer> t : Map.of("expensive", expensive, "cheap", cheap).entrySet()) {
                // calls from 127.0.0.1 are the trunk's only from its own port: alice calls from there too
                put(server, "/sip/trunks/" + t.getKey(), "{\"host\":\"127.0.0.1\",\"port\":" + t.getValue()
                        + ",\"addresses\":[\"127.0.0.1:" + t.getValue() + "\"],\"codecs\":[\"PCMA\"],\"probe\":false}");
            }
            put(server, "/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"expensive\",\"cheap\"]}");
            assertEquals("expensive", firstTrunk(server, "alice"), "the route's own order");
            JsonNode refused = simulate(server, "mallory");
            assertEquals("refused: 403", refused.path("result").asText(), refused.toString());
            assertTrue(refused.path("why").toString().contains("caller mallory is no enabled user"), refused.toString());

            Path rates = base.resolve("rates.csv");
            Files.writeString(rates, "trunk,prefix,rate\nexpensive,+44,0.0200\ncheap,+44,0.0080\ncheap,+4420,x\n");
            Files.writeString(base.resolve("etc/com.acme.switchboard.lcr.cfg"), "rateTable = " + rates + "\n");
            Path deployed = server.deploySample("io.switchboard.sample.lcr");
            JsonNode lcr = awaitFirstTrunk(server, "cheap");
            assertTrue(lcr.path("why").toString().contains("policy least-cost: cheap 0.0080/min, expensive 0.0200/min"),
                    lcr.toString());
            assertTrue(server.output().contains("line 4: rate 'x' is not a price per minute"), server.output());

            Sipp carrier = Sipp.start(sipp, "sipp-carrier.xml", server.sipPort, cheap, "u1", "-m", "1");
            Thread.sleep(300);
            Sipp alice = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                    NUMBER, "-au", "alice", "-ap", ALICE_PASSWORD, "-key", "caller", "alice", "-d", "300", "-m", "1");
            if (alice.await(60) != 0 || carrier.await(60) != 0) {
                fail(alice.report() + carrier.report() + server.output());
            }
            JsonNode record = record(server);
            assertEquals("cheap", record.path("trunkOut").asText(), record.toString());
            assertEquals("ANSWERED", record.path("disposition").asText());

            Files.delete(deployed);
            awaitFirstTrunk(server, "expensive");
            assertEquals(0, server.terminate());
        }
    }

    private static JsonNode awaitFirstTrunk(ServerProcess server, String trunk) throws Exception {
        JsonNode sim = null;
        for (int i = 0; i < 150; i++) {
            sim = simulate(server, "alice");
            if (trunk.equals(sim.path("trunks").get(0).path("trunk").asText())) {
                return sim;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The simulator never put " + trunk + " first: " + sim + server.output());
    }

    private static String firstTrunk(ServerProcess server, String caller) throws Exception {
        return simulate(server, caller).path("trunks").get(0).path("trunk").asText();
    }

    private static JsonNode simulate(ServerProcess server, String caller) throws Exception {
        return server.getJson("/sip/simulate?caller=" + caller + "&number=" + q(NUMBER), ADMIN);
    }

    private static JsonNode record(ServerProcess server) throws Exception {
        for (int i = 0; i < 75; i++) {
            JsonNode result = server.getJson("/cdr/records?q=" + q("direction:outbound"), ADMIN);
            if (result.path("total").asInt() > 0) {
                assertEquals(1, result.path("total").asInt(), result.toString());
                return result.path("records").get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No call record" + server.output());
    }

    private static void put(ServerProcess server, String path, String body) throws Exception {
        var response = server.put(path, body, ADMIN);
        assertEquals(201, response.statusCode(), path + ": " + response.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
