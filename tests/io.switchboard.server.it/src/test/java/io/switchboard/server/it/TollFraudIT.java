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
 * Toll fraud against the running switch, with real SIPp calls through a trunk: each class of
 * service refuses what it does not allow (international, premium rate, anything out for an
 * internal-only user), a blocked prefix is refused to everyone, emergency numbers pass, a dial string
 * that no plan can read never leaves, a REFER of the carrier's leg never reaches the carrier, and a
 * user's calls at once and per minute are limited. Every refusal is a 403 whose call record names the
 * rule.
 */
class TollFraudIT {

    private static final String[] ADMIN = { "admin", "toll-fraud-it-secret" };
    private static final String PASSWORD = "caller-password-1";

    @TempDir
    Path base;

    @Test
    void eachRuleRefusesWithItsReasonInTheRecord() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\nringTimeout = 3\n");
        Files.writeString(base.resolve("etc/io.switchboard.numbering.cfg"), "defaultCountryCode = 44\n");
        Files.writeString(base.resolve("etc/io.switchboard.sip.calling.cfg"),
                "maxCalls = 1\ncallsPerMinute = 3\nblockedDestinations = +4487\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            int carrierPort = ServerProcess.freePort();
            user(server, "alice", null); // the default: national
            user(server, "bob", "international");
            user(server, "carol", "internal");
            user(server, "dave", "premium");
            assertEquals(400, server.put("/sip/users/erin", "{\"password\":\"" + PASSWORD + "\",\"callClass\":\"galactic\"}",
                    ADMIN).statusCode(), "a bad class is named");
            JsonNode users = server.getJson("/sip/users", ADMIN);
            assertEquals("NATIONAL", users.get(0).path("effective").path("callClass").asText(), users.toString());
            assertTrue(users.get(0).path("callClass").isNull(), "alice has none of her own");
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false}", ADMIN).statusCode());
            assertEquals(30, server.getJson("/sip/trunks", ADMIN).get(0).path("trunk").path("maxChannels").asInt(),
                    "a new trunk's default channel limit");
            assertEquals(201, server.put("/sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"carrier\"]}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/routes/emergency", "{\"priority\":1,\"pattern\":\"999\",\"trunks\":"
                    + "[\"carrier\"]}", ADMIN).statusCode());

            refused(server, sipp, "alice", "+14155550100",
                    "Class of service: alice may call national numbers; +14155550100 is international (US ");
            refused(server, sipp, "carol", "02079460000",
                    "Class of service: carol may call other users and our numbers only; +442079460000 is national (GB ");
            refused(server, sipp, "bob", "09098765432", "Class of service: bob may call national and international "
                    + "numbers; +449098765432 is premium-rate (GB PREMIUM_RATE)");
            refused(server, sipp, "dave", "08712345678",
                    "Blocked destination: +448712345678 starts with +4487 (blockedDestinations)");
            JsonNode simulated = server.getJson("/sip/simulate?caller=carol&number=999", ADMIN);
            assertEquals("TRUNKS", simulated.path("outcome").asText(), "emergency numbers always pass: " + simulated);

            // what leaves on the trunk is judged: a dial string no country's rules can read is refused to a
            // national-only user, where it once passed as "of no known kind"
            user(server, "frank", null);
            assertEquals(201, server.put("/sip/routes/legacy", "{\"priority\":50,\"pattern\":\"011.\",\"trunks\":"
                    + "[\"carrier\"]}", ADMIN).statusCode());
            refused(server, sipp, "frank", "011882123456789%23", "Number sent 011882123456789");
            refused(server, sipp, "dave", "011882123456789%23", "Number sent 011882123456789");

            // a transfer of the carrier's leg is never handed to the carrier (it would call Refer-To unchecked)
            Sipp answering = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carrierPort, "u1", "-m", "1");
            Thread.sleep(300);
            Sipp transferring = Sipp.start(sipp, "sipp-call-refer-to-carrier.xml", server.sipPort, ServerProcess.freePort(),
                    "u1", "-s", "+14155550100", "-au", "dave", "-ap", PASSWORD, "-key", "caller", "dave", "-m", "1");
            assertEquals(0, transferring.await(60), transferring.report() + server.output());
            assertEquals(0, answering.await(60), "the carrier saw only INVITE, ACK and BYE: " + answering.report());
            assertTrue(server.output().contains("REFER of call") && server.output().contains("refused: dave may not call "
                    + "011882123456789"), server.output());

            // alice: one call through the trunk at once, three a minute (the carrier rings; the ring timeout ends each)
            Sipp carrier = Sipp.start(sipp, "sipp-ring.xml", server.sipPort, carrierPort, "u1", "-m", "3");
            Thread.sleep(300);
            Sipp first = ringing(sipp, server, "alice", "02079460000");
            Thread.sleep(1000);
            refused(server, sipp, "alice", "02079460001",
                    "Calling limit: alice has 1 calls through trunks at once (maxCalls 1)");
            assertEquals(0, first.await(60), first.report());
            for (int i = 2; i <= 3; i++) {
                Sipp next = ringing(sipp, server, "alice", "0207946000" + i);
                assertEquals(0, next.await(60), next.report() + server.output());
            }
            assertEquals(0, carrier.await(30), carrier.report());
            refused(server, sipp, "alice", "02079460004",
                    "Calling limit: alice started 3 calls through trunks in the last minute (callsPerMinute 3)");
        }
    }

    private static void user(ServerProcess server, String name, String callClass) throws Exception {
        assertEquals(201, server.put("/sip/users/" + name, "{\"password\":\"" + PASSWORD + "\""
                + (callClass == null ? "" : ",\"callClass\":\"" + callClass + "\"") + "}", ADMIN).statusCode());
    }

    /** A call out through the trunk that rings until the switch's ring timeout ends it. */
    private static Sipp ringing(Path dir, ServerProcess server, String caller, String number) throws Exception {
        return Sipp.start(dir, "sipp-call-fails.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", number,
                "-au", caller, "-ap", PASSWORD, "-key", "caller", caller, "-m", "1");
    }

    /** The caller's call to the number gets 403, and its record says why. */
    private static void refused(ServerProcess server, Path dir, String caller, String number, String reason)
            throws Exception {
        Sipp a = Sipp.start(dir, "sipp-call-fails.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", number,
                "-au", caller, "-ap", PASSWORD, "-key", "caller", caller, "-m", "1");
        assertEquals(0, a.await(60), a.report() + server.output());
        assertTrue(a.report().contains("SIP/2.0 403"), a.report());
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode found = null;
        while (System.currentTimeMillis() < deadline) {
            found = server.getJson("/cdr/records?q=" + URLEncoder.encode("caller:" + caller + " AND sipCode:403",
                    StandardCharsets.UTF_8) + "&limit=50", ADMIN);
            for (JsonNode r : found.path("records")) {
                if (r.path("sipReason").asText().startsWith(reason)) {
                    assertEquals("FAILED", r.path("disposition").asText());
                    return;
                }
            }
            Thread.sleep(200);
        }
        fail("No record of " + caller + " to " + number + " refused with '" + reason + "': " + found);
    }
}
