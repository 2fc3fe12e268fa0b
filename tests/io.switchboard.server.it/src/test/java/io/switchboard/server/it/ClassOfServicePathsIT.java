package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The review's toll fraud and the ways around the class of service, on a switch in the US (+1): a
 * national-only user reaches no number of another +1 region (Jamaica, the Bahamas ...) on any path
 * that places a call or message for them, nor an emergency number on a path that would carry it
 * without its location, nor a feature code through the API. Nothing reaches the carrier.
 */
class ClassOfServicePathsIT {

    private static final String[] ADMIN = { "admin", "cos-paths-it-secret" };
    private static final String PASSWORD = "alice-password-1";
    /** The review's Jamaica, and more of the +1 countries with their own tariffs, in the spellings phones send. */
    private static final String[] ABROAD_UNDER_PLUS_ONE = { "+18765550100", "18765550100", "+12425550123",
            "+18095550123", "+12465550123", "+13455550123", "+16495550123", "+14415550123" };

    @TempDir
    static Path base;
    private static ServerProcess server;
    private static DatagramSocket carrier;
    /** The emergency services' carrier: it never answers, so that emergency calls stay in progress. */
    private static DatagramSocket psap;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\nemergencyCallsPerUser = 2\n");
        Files.writeString(base.resolve("etc/io.switchboard.numbering.cfg"), "defaultCountryCode = 1\n");
        carrier = new DatagramSocket(new InetSocketAddress("127.0.0.1", ServerProcess.freePort()));
        carrier.setSoTimeout(1000);
        psap = new DatagramSocket(new InetSocketAddress("127.0.0.1", ServerProcess.freePort()));
        psap.setSoTimeout(1000);
        server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
        PhoneChecks.users(server, ADMIN, "alice", PASSWORD, "bob", "bob-password-2");
        int port = carrier.getLocalPort();
        assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + port
                + ",\"addresses\":[\"127.0.0.1:" + port + "\"],\"probe\":false}", ADMIN).statusCode());
        assertEquals(201, server.put("/sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"carrier\"]}", ADMIN)
                .statusCode());
        assertEquals(201, server.put("/sip/routes/legacy", "{\"priority\":40,\"pattern\":\"0.\",\"strip\":1,"
                + "\"trunks\":[\"carrier\"]}", ADMIN).statusCode());
        assertEquals(201, server.put("/conference/rooms/7501", "{\"name\":\"Board\"}", ADMIN).statusCode());
        assertEquals(201, server.put("/sip/trunks/psap", "{\"host\":\"127.0.0.1\",\"port\":" + psap.getLocalPort()
                + ",\"addresses\":[\"127.0.0.1:" + psap.getLocalPort() + "\"],\"probe\":false}", ADMIN).statusCode());
        assertEquals(201, server.put("/sip/routes/emergency", "{\"priority\":1,\"pattern\":\"911\",\"trunks\":"
                + "[\"psap\"]}", ADMIN).statusCode());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        carrier.close();
        psap.close();
    }

    @Test
    void numbersOfAnotherRegionUnderTheHomeCodeAreInternationalOnEveryPath() throws Exception {
        try (RawSip phone = new RawSip()) {
            for (String number : ABROAD_UNDER_PLUS_ONE) {
                RawSip.Reply call = invite(phone, "alice", number, PASSWORD);
                assertNotNull(call, "no answer to the INVITE to " + number);
                assertEquals(403, call.status(), number + ": " + call.text());
                // Jamaica's numbers are valid: international; the others' 555 lines are judged as premium rate
                assertTrue(call.text().contains("Class of service: alice may call national numbers")
                        && (!number.contains("876") || call.text().contains("is international")), call.text());
                RawSip.Reply message = TextMessages.send(phone, server.sipPort, "alice", number, "Hello Kingston",
                        "alice", PASSWORD);
                assertEquals(403, message.status(), number + ": " + message.text());
            }
            // the feature code on the phone judges its destination as a forward
            RawSip.Reply code = invite(phone, "alice", "*72+18765550100", PASSWORD);
            assertEquals(403, code.status(), code.text());
        }
        String jamaica = "+18765550100";
        assertRefused(server.put("/forwarding/users/alice", "{\"always\":\"" + jamaica + "\"}", ADMIN), "forward");
        assertRefused(server.post("/calls", json("{\"from\":\"alice\",\"to\":\"" + jamaica + "\"}"), ADMIN),
                "click-to-call");
        assertRefused(server.post("/callbacks", json("{\"user\":\"alice\",\"number\":\"" + jamaica + "\"}"), ADMIN),
                "callback");
        assertRefused(server.post("/callbacks", json("{\"kind\":\"scheduled\",\"user\":\"alice\",\"number\":\""
                + jamaica + "\",\"at\":\"2030-01-01T09:00:00Z\"}"), ADMIN), "scheduled call");
        assertRefused(server.put("/groups/team", "{\"extension\":\"650\",\"strategy\":\"ring_all\",\"members\":"
                + "[{\"member\":\"bob\"},{\"member\":\"" + jamaica + "\"}]}", ADMIN), "ring group member");
        HttpResponse<String> invited = server.post("/conference/rooms/7501/invite", json("{\"target\":\"" + jamaica
                + "\"}"), ADMIN);
        if (invited.statusCode() == 202) {
            // the room's phone dials like a national-only user: the switch refuses it
            String callId = ServerProcess.JSON.readTree(invited.body()).path("callId").asText();
            PhoneChecks.await("the room's call to Jamaica refused", () -> refusedInvitation(callId));
        } else {
            assertEquals(400, invited.statusCode(), invited.body());
        }
        JsonNode simulated = server.getJson("/sip/simulate?caller=alice&number=%2B18765550100", ADMIN);
        assertEquals("REJECTED", simulated.path("outcome").asText(), simulated.toString());
        JsonNode home = server.getJson("/sip/simulate?caller=alice&number=%2B12125550100", ADMIN);
        assertEquals("TRUNKS", home.path("outcome").asText(), "New York is national: " + home);
        assertCarrierSilent();
    }

    @Test
    void emergencyNumbersLeaveOnlyAsEmergencyCalls() throws Exception {
        {
            for (String sos : new String[] { "911", "9-1-1", "(911)", "9 1 1", "9911" }) {
                assertRefused(server.put("/forwarding/users/alice", "{\"always\":\"" + sos + "\"}", ADMIN),
                        "forward to " + sos);
                assertRefused(server.put("/forwarding/users/alice", "{\"noAnswer\":\"" + sos + "\"}", ADMIN),
                        "forward on no answer to " + sos);
                assertRefused(server.post("/calls", json("{\"from\":\"alice\",\"to\":\"" + sos + "\"}"), ADMIN),
                        "click-to-call to " + sos);
                assertRefused(server.post("/callbacks", json("{\"user\":\"alice\",\"number\":\"" + sos + "\"}"),
                        ADMIN), "callback to " + sos);
                assertRefused(server.put("/groups/sos", "{\"extension\":\"651\",\"strategy\":\"ring_all\","
                        + "\"members\":[{\"member\":\"bob\"},{\"member\":\"" + sos + "\"}]}", ADMIN), "member " + sos);
                assertRefused(server.post("/conference/rooms/7501/invite", json("{\"target\":\"" + sos + "\"}"),
                        ADMIN), "invitation of " + sos);
                assertRefused(server.put("/testcalls/sos", "{\"number\":\"" + sos.replaceAll("[^0-9]", "")
                        + "\",\"intervalMinutes\":60}", ADMIN), "test calls to " + sos);
                JsonNode asDialled = server.getJson("/sip/simulate?caller=alice&number="
                        + URLEncoder.encode(sos, StandardCharsets.UTF_8), ADMIN);
                assertEquals("emergency", asDialled.path("route").asText(), sos + " is an emergency call when dialled: "
                        + asDialled);
            }
            try (RawSip phone = new RawSip()) {
                RawSip.Reply text = TextMessages.send(phone, server.sipPort, "alice", "911", "help", "alice", PASSWORD);
                assertEquals(403, text.status(), "a text to 911 would leave by the emergency route: " + text.text());
                RawSip.Reply code = invite(phone, "alice", "*72911", PASSWORD);
                assertEquals(403, code.status(), "*72911: " + code.text());
            }
            // a route that strips its prefix makes 0911 into 911: never an ordinary call past class of service
            JsonNode stripped = server.getJson("/sip/simulate?caller=alice&number=0911", ADMIN);
            assertEquals("REJECTED", stripped.path("outcome").asText(), stripped.toString());
            assertTrue(stripped.toString().contains("emergency number but was not dialled as one"),
                    stripped.toString());
            JsonNode forwarding = server.getJson("/forwarding/users/alice", ADMIN);
            assertTrue(forwarding.path("always").isNull() && forwarding.path("noAnswer").isNull(),
                    forwarding.toString());
        }
        assertCarrierSilent();
    }

    @Test
    void oneUserHoldsAFewEmergencyCallsAtOnceNotDozens() throws Exception {
        try (RawSip phone = new RawSip()) {
            String uri = "sip:911@127.0.0.1:" + server.sipPort;
            for (int i = 1; i <= 2; i++) {
                // the psap never answers: both calls stay in progress
                String callId = "sos-cap-" + i;
                String head = "INVITE " + uri + " SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port
                        + ";branch=z9hG4bK-" + callId + "-%d\nFrom: <sip:bob@127.0.0.1>;tag=b" + i + "\nTo: <" + uri
                        + ">\nCall-ID: " + callId + "\nCSeq: %d INVITE\nContact: <sip:bob@127.0.0.1:" + phone.port
                        + ">\nMax-Forwards: 70\nContent-Type: application/sdp";
                RawSip.Reply challenge = phone.ask(server.sipPort, String.format(head, 1, 1), sdp(phone.port + 2),
                        callId);
                assertEquals(407, challenge.status(), challenge.text());
                String nonce = challenge.param("Proxy-Authenticate", "nonce");
                phone.send(server.sipPort, String.format(head, 2, 2) + "\nProxy-Authorization: Digest "
                        + "username=\"bob\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\"" + uri
                        + "\", response=\"" + RawSip.md5Response("bob", "switchboard", "bob-password-2", "INVITE", uri,
                                nonce, "00000001", "c0ffee") + "\", algorithm=MD5, qop=auth, nc=00000001, "
                        + "cnonce=\"c0ffee\"", sdp(phone.port + 2));
                assertTrue(psapGot("sos-cap-" + i), "emergency call " + i + " reaches the emergency services");
            }
            RawSip.Reply third = invite(phone, "bob", "911", "bob-password-2");
            assertNotNull(third, "no answer to the third emergency call");
            assertEquals(486, third.status(), third.text());
            assertTrue(third.text().contains("emergencyCallsPerUser"), third.text());
            server.awaitOutput("Emergency call of bob refused: 2 of theirs are in progress");
            RawSip.Reply other = invite(phone, "alice", "911", PASSWORD);
            assertTrue(other == null || other.status() != 486, "alice's emergency call is hers: " + other);
        }
    }

    /** @return whether the emergency services' carrier got an INVITE of this call (within a few seconds) */
    private static boolean psapGot(String callId) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            try {
                psap.receive(p);
            } catch (SocketTimeoutException none) {
                continue;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (text.startsWith("INVITE ") && text.contains("911")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aCallsTokenPlacesCallsToNumbersNeverFeatureCodes() throws Exception {
        HttpResponse<String> made = server.post("/tokens", json("{\"name\":\"crm\",\"scopes\":[\"calls\"]}"), ADMIN);
        assertEquals(201, made.statusCode(), made.body());
        String[] token = { ServerProcess.JSON.readTree(made.body()).path("token").asText() };
        // the review's spelling, and more of its class
        for (String code : new String[] { "*72+12125550100", "*72 2125550100", "*7212125550100", "*73", "*71",
                "**201", "#72", "*98", "%2A72+12125550100" }) {
            HttpResponse<String> r = server.post("/calls", json("{\"from\":\"alice\",\"to\":\"" + code + "\"}"), token);
            assertEquals(400, r.statusCode(), code + ": " + r.body());
            assertTrue(r.body().contains("feature code"), r.body());
            assertRefused(server.post("/callbacks", json("{\"user\":\"alice\",\"number\":\"" + code + "\"}"), ADMIN),
                    "callback to " + code);
            assertRefused(server.post("/conference/rooms/7501/invite", json("{\"target\":\"" + code + "\"}"),
                    ADMIN), "invitation of " + code);
        }
        JsonNode forwarding = server.getJson("/forwarding/users/alice", ADMIN);
        assertTrue(forwarding.path("always").isNull(), "the token set a forward: " + forwarding);
    }

    @Test
    void aForwardNeverLeadsToAFeatureCode() throws Exception {
        // the third read's attack: mallory forwards to *72<premium>, and whoever calls her sets their own forward
        for (String code : new String[] { "*72+19005551234", "*72", "*98", "#72+19005551234", "%2A72+19005551234" }) {
            assertRefused(server.put("/forwarding/users/alice", "{\"always\":\"" + code + "\"}", ADMIN),
                    "forward to " + code);
            assertRefused(server.put("/groups/codes", "{\"extension\":\"652\",\"strategy\":\"ring_all\","
                    + "\"members\":[{\"member\":\"bob\"}],\"noAnswer\":\"" + code + "\"}", ADMIN),
                    "a group's destination " + code);
        }
        try (RawSip phone = new RawSip()) {
            RawSip.Reply code = invite(phone, "alice", "*72*72+19005551234", PASSWORD);
            assertEquals(403, code.status(), "*72*72...: " + code.text());
        }
        JsonNode forwarding = server.getJson("/forwarding/users/alice", ADMIN);
        assertTrue(forwarding.path("always").isNull(), forwarding.toString());
    }

    private static boolean refusedInvitation(String callId) {
        try {
            JsonNode records = server.getJson("/cdr/records?q=*", ADMIN).path("records");
            for (JsonNode r : records) {
                if (r.toString().contains("18765550100") && r.path("sipCode").asInt() == 403) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static void assertRefused(HttpResponse<String> r, String what) {
        assertEquals(400, r.statusCode(), what + ": " + r.body());
    }

    private static void assertCarrierSilent() throws Exception {
        try {
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            carrier.receive(p);
            throw new AssertionError("the carrier got: " + new String(p.getData(), 0, p.getLength(),
                    StandardCharsets.UTF_8));
        } catch (SocketTimeoutException expected) {
            // nothing was sent to the carrier
        }
    }

    /** @return the switch's final answer to the user's INVITE (its challenge answered) */
    private static RawSip.Reply invite(RawSip phone, String user, String number, String password) throws Exception {
        return TextMessages.request(phone, server.sipPort, "INVITE", user, number, "Contact: <sip:" + user
                + "@127.0.0.1:" + phone.port + ">\nContent-Type: application/sdp", sdp(phone.port + 2), user, password);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sdp(int port) {
        return "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }
}
