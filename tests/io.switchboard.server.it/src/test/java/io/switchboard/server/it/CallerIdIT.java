package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Caller ID through the running switch, with SIPp as phones and as carriers, reading the INVITEs the
 * carriers got:
 * <ul>
 * <li>alice's own outbound caller ID number and name reach the carrier, in From and, on the trunk
 * trusted with it, in P-Asserted-Identity;</li>
 * <li>bob withholds his number: From is anonymous with Privacy: id, the trusted trunk still gets
 * his number asserted, the untrusted one gets no P-Asserted-Identity at all;</li>
 * <li>carol refuses anonymous calls: a carrier's call that withholds the number gets 433, one that
 * shows it rings her.</li>
 * </ul>
 */
class CallerIdIT {

    private static final String[] ADMIN = { "admin", "caller-id-it-secret" };
    private static final String PASSWORD = "caller-id-password-1";

    @TempDir
    Path base;

    @Test
    void callsShowTheCallerIdTheUserIsGiven() throws Exception {
        ServerProcess.sipSettings(base, "algorithms", "MD5");
        Files.writeString(base.resolve("etc/io.switchboard.numbering.cfg"), "defaultCountryCode = 44\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + PASSWORD + "\",\"callClass\":"
                    + "\"international\",\"callerIdNumber\":\"+442071110099\",\"callerIdName\":\"Acme Sales\"}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + PASSWORD + "\",\"callClass\":"
                    + "\"international\",\"withholdCallerId\":true}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"" + PASSWORD + "\"}", ADMIN).statusCode());
            assertEquals(400, server.put("/sip/users/dave", "{\"password\":\"" + PASSWORD + "\",\"callerIdNumber\":"
                    + "\"020 7111 0099\"}", ADMIN).statusCode(), "not E.164");
            JsonNode alice = server.getJson("/sip/users/alice", ADMIN);
            assertEquals("Acme Sales", alice.path("callerIdName").asText(), alice.toString());
            assertEquals(201, server.put("/sip/numbers/%2B442071110003", "{\"destination\":\"bob\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/numbers/%2B442071110004", "{\"destination\":\"carol\"}", ADMIN)
                    .statusCode());
            int trusted = ServerProcess.freePort();
            int untrusted = ServerProcess.freePort();
            assertEquals(201, server.put("/sip/trunks/trusted", "{\"host\":\"127.0.0.1\",\"port\":" + trusted
                    + ",\"addresses\":[\"127.0.0.1:" + trusted + "\"],\"probe\":false,\"pai\":true}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/trunks/untrusted", "{\"host\":\"127.0.0.1\",\"port\":" + untrusted
                    + ",\"addresses\":[\"127.0.0.1:" + untrusted + "\"],\"probe\":false}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"trusted\"]}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/routes/us", "{\"pattern\":\"+1.\",\"trunks\":[\"untrusted\"]}", ADMIN)
                    .statusCode());

            // alice's caller ID, asserted to the trusted trunk
            String invite = carrierGets(server, sipp, trusted, "alice", "02079460000");
            assertTrue(Pattern.compile("From: \"Acme Sales\" <sip:\\+442071110099@").matcher(invite).find(), invite);
            assertTrue(invite.contains("P-Asserted-Identity: <sip:+442071110099@"), invite);
            assertFalse(invite.contains("Privacy:"), invite);

            // bob withholds: anonymous in From, still asserted to the trusted trunk, never to the other
            invite = carrierGets(server, sipp, trusted, "bob", "02079460000");
            assertTrue(invite.contains("From: \"Anonymous\" <sip:anonymous@anonymous.invalid>"), invite);
            assertTrue(invite.contains("Privacy: id"), invite);
            assertTrue(invite.contains("P-Asserted-Identity: <sip:+442071110003@"), invite);
            invite = carrierGets(server, sipp, untrusted, "bob", "+12125550199");
            assertTrue(invite.contains("From: \"Anonymous\" <sip:anonymous@anonymous.invalid>"), invite);
            assertFalse(invite.contains("P-Asserted-Identity"), invite);
            assertFalse(invite.contains("442071110003"), "bob's number nowhere: " + invite);

            // carol refuses anonymous calls: 433 for the withheld one, her phone rings for the other
            assertEquals(200, server.put("/forwarding/users/carol", "{\"rejectAnonymous\":true}", ADMIN).statusCode());
            int carolPort = PhoneChecks.sippPhone(server, sipp, "carol", PASSWORD);
            Sipp refused = Sipp.start(sipp, "sipp-trunk-call-433.xml", server.sipPort, trusted, "u1", "-s",
                    "+442071110004", "-key", "caller", "anonymous", "-m", "1");
            assertEquals(0, refused.await(60), refused.report());
            JsonNode record = PhoneChecks.record(server, ADMIN, "sipCode:433");
            assertTrue(record.path("reason").asText("").contains("Anonymity Disallowed")
                    || record.toString().contains("Anonymity Disallowed"), record.toString());
            Sipp carol = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carolPort, "u1", "-m", "1");
            Sipp shown = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, trusted, "u1", "-s", "+442071110004",
                    "-key", "caller", "12125550100", "-d", "300", "-m", "1");
            assertEquals(0, shown.await(60), shown.report());
            assertEquals(0, carol.await(30), carol.report());
        }
    }

    /** @return the INVITE the carrier's SIPp got for the user's call to the number, which it answers */
    private static String carrierGets(ServerProcess server, Path sipp, int carrierPort, String user, String number)
            throws Exception {
        Sipp carrier = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carrierPort, "u1", "-m", "1");
        Thread.sleep(300);
        Sipp call = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", number,
                "-au", user, "-ap", PASSWORD, "-key", "caller", user, "-d", "300", "-m", "1");
        assertEquals(0, call.await(60), call.report());
        assertEquals(0, carrier.await(30), carrier.report());
        Matcher m = Pattern.compile("INVITE sip:.*?\\r?\\n\\r?\\n", Pattern.DOTALL).matcher(carrier.messages());
        assertTrue(m.find(), carrier.messages());
        return m.group();
    }
}
