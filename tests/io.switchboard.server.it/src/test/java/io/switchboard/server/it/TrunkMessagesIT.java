package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Text messages out through a trunk to a carrier that carries SMS (SIPp, challenging each message with 401):
 * the sender's class of service and the blocked destinations judge a message as they judge a call
 * (403 naming the rule, nothing reaches the carrier); an allowed one leaves with the sender's own
 * number in From, the carrier's challenge answered with the trunk's account, and the carrier's 202 is
 * the sender's answer. The history names the trunk and the number, with the message delivered.
 */
class TrunkMessagesIT {

    private static final String[] ADMIN = { "admin", "trunk-messages-it-secret" };
    private static final String PASSWORD = "sender-password-1";

    @TempDir
    Path base;

    @Test
    void messagesToACarrierAreJudgedLikeCalls() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Files.writeString(base.resolve("etc/io.switchboard.sip.calling.cfg"), "blockedDestinations = +4487\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int carrierPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip phone = new RawSip()) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + PASSWORD + "\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + PASSWORD
                    + "\",\"callClass\":\"international\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/numbers/%2B15550100001", "{\"destination\":\"alice\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/trunks/sms", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false,\"authUser\":\"sms-acct\","
                    + "\"password\":\"carrier-sms-secret-3\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"sms\"]}", ADMIN)
                    .statusCode());
            Sipp carrier = Sipp.start(sipp, "sipp-carrier-messages.xml", server.sipPort, carrierPort, "u1", "-m", "2");
            Thread.sleep(300);

            RawSip.Reply abroad = TextMessages.send(phone, server.sipPort, "alice", "+442079460000", "Hello London",
                    "alice", PASSWORD);
            assertEquals(403, abroad.status(), abroad.text());
            assertTrue(abroad.text().contains("Class of service: alice may call national numbers"), abroad.text());
            RawSip.Reply blocked = TextMessages.send(phone, server.sipPort, "bob", "+448712345678", "Win a prize",
                    "bob", PASSWORD);
            assertEquals(403, blocked.status(), blocked.text());
            assertTrue(blocked.text().contains("Blocked destination"), blocked.text());

            RawSip.Reply home = TextMessages.send(phone, server.sipPort, "alice", "2125550199", "Running late",
                    "alice", PASSWORD);
            assertEquals(202, home.status(), "the carrier's answer: " + home.text() + carrier.report());
            RawSip.Reply london = TextMessages.send(phone, server.sipPort, "bob", "+442079460000", "Hello London",
                    "bob", PASSWORD);
            assertEquals(202, london.status(), london.text());

            assertEquals(0, carrier.await(30), carrier.report());
            String seen = carrier.report();
            assertTrue(seen.contains("Running late") && seen.contains("Hello London"), seen);
            assertTrue(seen.contains("From: <sip:+15550100001@"), "alice's own number towards the carrier: " + seen);
            assertTrue(!seen.contains("Win a prize"), "a refused message never reaches the carrier");

            PhoneChecks.await("alice's message in the history", () -> history(server).size() > 0, () -> "");
            JsonNode sent = history(server);
            assertEquals(1, sent.size(), "refusals are the sender's answer, not history: " + sent);
            assertEquals("delivered", sent.get(0).path("state").asText(), sent.toString());
            assertEquals("sms", sent.get(0).path("trunk").asText(), sent.toString());
            assertEquals("+12125550199", sent.get(0).path("to").asText(), sent.toString());
        }
    }

    /** @return alice's messages, written a moment after their answer (in batches) */
    private static JsonNode history(ServerProcess server) {
        try {
            return server.getJson("/messages?user=alice", ADMIN);
        } catch (Exception e) {
            return JsonNodeFactory.instance.arrayNode();
        }
    }
}
