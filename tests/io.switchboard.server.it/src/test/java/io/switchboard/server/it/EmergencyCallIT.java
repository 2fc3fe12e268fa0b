package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * Emergency calls against the running switch, with SIPp phones and an emergency trunk (SIPp): a
 * national-only user who is over both calling limits, locked out as a user, and calling from an
 * address that is itself locked out, dials 911, 112, 9911 and urn:service:sos; each reaches the emergency trunk with
 * the ELIN as caller ID, a Geolocation header and a PIDF-LO that validates against the RFCs'
 * schemas, with the address of the subnet the phone calls from. The notifier's mail arrives, the
 * records and the emergency log say what was sent, the 933 test call is answered by the switch and
 * never reaches the trunk, and a nomadic user on an unknown network is flagged. The users without a
 * location are judged on the registrations the database holds: the same after a restart.
 */
class EmergencyCallIT {

    private static final String[] ADMIN = { "admin", "emergency-it-secret" };
    private static final String ALICE = "alice-password-1";
    private static final String BOB = "bob-password-22";
    private static final String CAROL = "carol-password-3";
    private static final Pattern INVITE = Pattern.compile("(?s)message received[^\\n]*\\n+(INVITE sip:(\\d+)@.*?)"
            + "(?=\\n-{5,}|\\z)");

    @TempDir
    Path base;

    @Test
    void emergencyCallsGoThroughEveryLimitWithTheirLocation() throws Exception {
        int smtpPort = ServerProcess.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path etc = Files.createDirectories(base.resolve("etc"));
        Files.writeString(etc.resolve("io.switchboard.sip.cfg"), "algorithms = MD5\ntrustedNetworks = 127.0.0.1\n"
                + "lockoutFailures = 3\n");
        Files.writeString(etc.resolve("io.switchboard.sip.calling.cfg"), "maxCalls = 1\ncallsPerMinute = 1\n");
        Files.writeString(etc.resolve("io.switchboard.numbering.cfg"), "defaultCountryCode = 1\n");
        Files.writeString(etc.resolve("io.switchboard.emergency.cfg"), "locationTrunks = psap\n");
        Files.writeString(etc.resolve("io.switchboard.alert.email-site.cfg"), "smtpHost = 127.0.0.1\nsmtpPort = "
                + smtpPort + "\nsecurity = none\nfrom = switchboard@example.net\nto = security-desk@example.net\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + ALICE + "\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"" + BOB + "\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/numbers/%2B15125550100", "{\"destination\":\"alice\"}", ADMIN)
                    .statusCode());
            int psapPort = ServerProcess.freePort();
            int carrierPort = ServerProcess.freePort();
            trunk(server, "psap", psapPort);
            trunk(server, "carrier", carrierPort);
            assertEquals(201, server.put("/sip/routes/emergency", "{\"priority\":1,\"pattern\":\"911\",\"trunks\":"
                    + "[\"psap\"]}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/routes/out", "{\"priority\":10,\"pattern\":\"+.\",\"trunks\":"
                    + "[\"carrier\"]}", ADMIN).statusCode());
            addressBook(server);

            // alice is over both limits: one call up through a trunk, and it began within the minute
            Sipp carrier = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, carrierPort, "u1", "-m", "1");
            Sipp ordinary = aliceCalls(server, sipp, "127.0.0.3", "5125550123", 40_000);
            awaitCalls(server, 1, ordinary);
            // her user is locked out by guesses from elsewhere, and her phone's address by guesses of its own
            try (RawSip guesser = new RawSip(1000, new InetSocketAddress("127.0.0.66", 0));
                    RawSip phoneAddress = new RawSip(1000, new InetSocketAddress("127.0.0.2", 0))) {
                for (int i = 0; i < 3; i++) {
                    guesser.register(server.sipPort, "alice", "wrong-" + i);
                    phoneAddress.register(server.sipPort, "nobody", "wrong-" + i);
                }
            }
            awaitLockout(server, "user", "alice");
            awaitLockout(server, "source", "127.0.0.2");

            assertEquals(1, server.getJson("/sip/calls", ADMIN).size(), "alice's ordinary call is up");
            Sipp psap = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, psapPort, "u1", "-m", "4");
            for (String[] call : new String[][] { { "127.0.0.2", "911" }, { "127.0.0.2", "112" }, { "127.0.0.10", "9911" } }) {
                Sipp phone = aliceCalls(server, sipp, call[0], call[1], 1000);
                assertEquals(0, phone.await(60), call[1] + " from " + call[0] + "\n" + phone.report() + server.output());
            }
            Sipp sos = Sipp.startFrom("127.0.0.3", sipp, "sipp-sos-call.xml", server.sipPort, ServerProcess.freePort(),
                    "u1", "-au", "alice", "-ap", ALICE, "-auth_uri", "urn:service:sos", "-key", "caller", "alice", "-d",
                    "1000", "-m", "1");
            assertEquals(0, sos.await(60), "urn:service:sos\n" + sos.report() + server.output());
            assertEquals(0, psap.await(60), psap.report());
            assertTrue(ordinary.alive(), "the ordinary call held both limits throughout");

            List<String> invites = new ArrayList<>();
            Matcher m = INVITE.matcher(psap.messages());
            while (m.find()) {
                invites.add(m.group(1));
            }
            assertEquals(4, invites.size(), psap.messages());
            checkInvite(invites.get(0), "911", "+15125550199", "Main St", "201");
            checkInvite(invites.get(1), "112", "+15125550199", "Main St", "201");
            checkInvite(invites.get(2), "911", "+15125550100", "Congress Ave", null);
            checkInvite(invites.get(3), "911", "+15125550199", "Main St", "201");

            assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the on-site notification arrives");
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertTrue(mail.getSubject().startsWith("[CRITICAL] emergency-call: "), mail.getSubject());
            String text = (String) mail.getContent();
            assertTrue(text.contains("Emergency call to 911 from alice (callback +15125550199)") && text.contains(
                    "location sent: Acme HQ, 100 Main St, floor 2, room 201, Austin, TX 78701, US"), text);

            JsonNode log = awaitLog(server, 4);
            assertEquals("urn:service:sos", log.get(0).path("dialled").asText(), log.toString());
            assertEquals("9911", log.get(1).path("dialled").asText(), log.toString());
            assertEquals("branch", log.get(1).path("location").asText());
            assertEquals("network 127.0.0.8/29", log.get(1).path("how").asText());
            assertEquals("hq-floor2", log.get(3).path("location").asText());
            assertEquals("psap", log.get(3).path("trunk").asText());
            JsonNode record = record(server, "callee:911");
            assertEquals("911", record.path("tags").path("emergency").asText(), record.toString());
            assertEquals("hq-floor2", record.path("tags").path("emergencyLocation").asText());
            assertEquals("by value to psap", record.path("tags").path("emergencyLocationSent").asText());

            // the test number: answered by the switch, never on the trunk, logged with the address it checked
            Sipp test = aliceCalls(server, sipp, "127.0.0.3", "933", 1000);
            assertEquals(0, test.await(60), test.report() + server.output());
            JsonNode tested = awaitLog(server, 5).get(0);
            assertTrue(tested.path("test").asBoolean(), tested.toString());
            assertEquals("hq-floor2", tested.path("location").asText(), "alice's number's location: she never registered");
            // the relay ends the ordinary call after 30 s without media: it held both limits while it counted
            ordinary.kill();
            carrier.kill();

            nomadic(server);
            assertEquals(0, server.terminate());
            // the unlocated are judged on the registrations the database holds, not on what a server saw
            try (ServerProcess again = ServerProcess.restart(server, Map.of())) {
                awaitUnlocated(again, "[\"bob\"]");
            }
        } finally {
            smtp.stop();
        }
    }

    /** alice's phone at an address calls a number, and hangs up after a while. */
    private static Sipp aliceCalls(ServerProcess server, Path sipp, String address, String dialled, int millis)
            throws Exception {
        return Sipp.startFrom(address, sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                dialled, "-au", "alice", "-ap", ALICE, "-key", "caller", "alice", "-d", Integer.toString(millis), "-m", "1");
    }

    /** bob's phone moves: from a known network it confirms that network's location, from an unknown one it is flagged. */
    private static void nomadic(ServerProcess server) throws Exception {
        assertEquals(200, server.put("/emergency/nomadic/bob", "{\"nomadic\":true}", ADMIN).statusCode());
        try (RawSip office = new RawSip(2000, new InetSocketAddress("127.0.0.9", 0));
                RawSip cafe = new RawSip(2000, new InetSocketAddress("127.0.0.20", 0))) {
            assertEquals(200, office.register(server.sipPort, "bob", BOB));
            JsonNode bob = awaitNomadic(server, "127.0.0.9");
            assertEquals("branch", bob.path("confirmedLocation").asText(), bob.toString());
            assertEquals(200, cafe.register(server.sipPort, "bob", BOB));
            bob = awaitNomadic(server, "127.0.0.20");
            assertTrue(bob.path("unknownNetwork").asBoolean(), bob.toString());
        }
        JsonNode located = server.getJson("/emergency/locate?user=bob&source=127.0.0.20", ADMIN);
        assertEquals("branch", located.path("location").path("name").asText(), located.toString());
        assertEquals("last confirmed for nomadic user bob (now on an unknown network)", located.path("how").asText());
        assertEquals(200, server.put("/emergency/nomadic/bob", "{\"confirmedLocation\":null}", ADMIN).statusCode());
        // carol has neither number nor assignment: her phone's network places her
        assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"" + CAROL + "\"}", ADMIN).statusCode());
        try (RawSip branch = new RawSip(2000, new InetSocketAddress("127.0.0.10", 0))) {
            assertEquals(200, branch.register(server.sipPort, "carol", CAROL));
        }
        assertEquals("[\"bob\"]", server.get("/emergency/unlocated", ADMIN).body(),
                "bob is the one with no dispatchable location now");
    }

    /** Waits for the list of the unlocated: after a start, the switch's registrations come up with its bundle. */
    private static void awaitUnlocated(ServerProcess server, String expected) throws Exception {
        PhoneChecks.await("the unlocated after a restart are " + expected,
                () -> unlocated(server).equals("200 " + expected), () -> unlocated(server));
    }

    private static String unlocated(ServerProcess server) {
        try {
            var answer = server.get("/emergency/unlocated", ADMIN);
            return answer.statusCode() + " " + answer.body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void checkInvite(String invite, String number, String callerId, String road, String room)
            throws Exception {
        assertTrue(invite.startsWith("INVITE sip:" + number + "@"), invite);
        assertTrue(invite.matches("(?s).*\\nFrom: [^\\n]*<sip:" + Pattern.quote(callerId) + "@.*"), invite);
        Matcher cid = Pattern.compile("\\nGeolocation: <cid:([^>]+)>").matcher(invite);
        assertTrue(cid.find(), invite);
        assertTrue(invite.contains("\nGeolocation-Routing: yes"), invite);
        assertTrue(invite.matches("(?s).*\\nContent-Type: multipart/mixed;\\s*boundary=.*"), invite);
        int start = invite.indexOf("Content-ID: <" + cid.group(1) + ">");
        assertTrue(start > 0, "the Geolocation header names the PIDF-LO's part\n" + invite);
        String part = invite.substring(start);
        String xml = part.substring(part.indexOf("<?xml"), part.indexOf("</presence>") + "</presence>".length());
        var schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource[] {
            source("pidf/pidf.xsd"), source("pidf/geopriv10.xsd"), source("pidf/civicAddr.xsd") });
        try {
            schemas.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException e) {
            fail("The PIDF-LO does not validate: " + e.getMessage() + "\n" + xml);
        }
        assertTrue(xml.contains("<ca:RD>" + road + "</ca:RD>"), xml);
        assertTrue(room == null ? !xml.contains("<ca:ROOM>") : xml.contains("<ca:ROOM>" + room + "</ca:ROOM>"), xml);
        assertTrue(invite.contains("m=audio "), "the offer is in the body too\n" + invite);
    }

    private static StreamSource source(String resource) {
        return new StreamSource(EmergencyCallIT.class.getResource("/" + resource).toExternalForm());
    }

    private static void trunk(ServerProcess server, String name, int port) throws Exception {
        assertEquals(201, server.put("/sip/trunks/" + name, "{\"host\":\"127.0.0.1\",\"port\":" + port
                + ",\"addresses\":[\"127.0.0.1:" + port + "\"],\"probe\":false,\"maxChannels\":1}", ADMIN).statusCode());
    }

    /** Two sites, the subnets their phones call from, and alice's number. The API comes up with its bundle. */
    private static void addressBook(ServerProcess server) throws Exception {
        String hq = "{\"address\":{\"country\":\"US\",\"A1\":\"TX\",\"A3\":\"Austin\",\"RD\":\"Main St\",\"HNO\":\"100\","
                + "\"FLR\":\"2\",\"ROOM\":\"201\",\"PC\":\"78701\",\"NAM\":\"Acme HQ\"},\"elin\":\"+15125550199\"}";
        int status = 0;
        for (int i = 0; i < 100 && status != 201; i++) {
            status = server.put("/emergency/locations/hq-floor2", hq, ADMIN).statusCode();
            Thread.sleep(status == 201 ? 0 : 100);
        }
        assertEquals(201, status);
        assertEquals(400, server.put("/emergency/locations/nowhere", "{\"address\":{\"country\":\"US\",\"A3\":\"Austin\"}}",
                ADMIN).statusCode(), "no street, no description: not dispatchable");
        assertEquals(201, server.put("/emergency/locations/branch", "{\"address\":{\"country\":\"US\",\"a1\":\"TX\","
                + "\"a3\":\"Austin\",\"rd\":\"Congress Ave\",\"hno\":\"500\",\"pc\":\"78701\"}}", ADMIN).statusCode());
        for (String a : new String[] { "{\"kind\":\"network\",\"key\":\"127.0.0.0/29\",\"location\":\"hq-floor2\"}",
            "{\"kind\":\"network\",\"key\":\"127.0.0.9/29\",\"location\":\"branch\"}",
            "{\"kind\":\"number\",\"key\":\"+15125550100\",\"location\":\"hq-floor2\"}" }) {
            assertEquals(200, server.put("/emergency/assignments", a, ADMIN).statusCode(), a);
        }
        assertEquals(409, server.delete("/emergency/locations/branch", ADMIN).statusCode(), "still assigned");
        assertEquals("127.0.0.8/29", server.getJson("/emergency/assignments", ADMIN).get(1).path("key").asText());
    }

    private static JsonNode record(ServerProcess server, String query) throws Exception {
        JsonNode result = null;
        for (int i = 0; i < 75; i++) {
            result = server.getJson("/cdr/records?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), ADMIN);
            if (result.path("total").asInt() > 0) {
                assertEquals(1, result.path("total").asInt(), result.toString());
                return result.path("records").get(0);
            }
            Thread.sleep(200);
        }
        fail("No record for " + query + ": " + result);
        return null;
    }

    private static void awaitCalls(ServerProcess server, int n, Sipp caller) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (server.getJson("/sip/calls", ADMIN).size() >= n) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no call up: " + server.getJson("/sip/calls", ADMIN) + "\n" + caller.report() + server.output());
    }

    private static void awaitLockout(ServerProcess server, String kind, String key) throws Exception {
        JsonNode all = null;
        for (int i = 0; i < 150; i++) {
            all = server.getJson("/sip/lockouts", ADMIN);
            for (JsonNode l : all.path("lockouts")) {
                if (kind.equals(l.path("kind").asText()) && key.equals(l.path("key").asText())) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        fail("No " + kind + " lockout of " + key + ": " + all);
    }

    private static JsonNode awaitLog(ServerProcess server, int n) throws Exception {
        JsonNode log = null;
        for (int i = 0; i < 100; i++) {
            log = server.getJson("/emergency/calls", ADMIN);
            if (log.size() >= n && log.get(0).path("ended").isTextual()) {
                return log;
            }
            Thread.sleep(100);
        }
        fail("the emergency log: " + log);
        return null;
    }

    private static JsonNode awaitNomadic(ServerProcess server, String source) throws Exception {
        JsonNode all = null;
        for (int i = 0; i < 100; i++) {
            all = server.getJson("/emergency/nomadic", ADMIN);
            if (all.size() == 1 && source.equals(all.get(0).path("lastSource").asText())) {
                return all.get(0);
            }
            Thread.sleep(100);
        }
        fail("bob from " + source + ": " + all);
        return null;
    }
}
