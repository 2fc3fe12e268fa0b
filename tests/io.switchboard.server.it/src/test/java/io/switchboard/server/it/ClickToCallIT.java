package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Click-to-call on the running server, as a CRM does it: with a token of the scope {@code calls},
 * {@code POST /calls} rings alice's phones, her baresip, which shows the customer's name and number,
 * and her desk phone (SIPp); she answers on baresip, the desk phone stops ringing told the call was
 * answered elsewhere (RFC 3326), and the switch calls the customer through the carrier trunk (SIPp) as alice: her number as caller
 * ID (the carrier checks it) and the trunk's codec. One record of one call, tagged click-to-call.
 * When the carrier plays an announcement (early media) before refusing, alice, who answered
 * already, hears it through the relay. A number alice may not call is refused at once, with why; a token without the scope is refused.
 */
class ClickToCallIT {

    private static final String[] ADMIN = { "admin", "click-to-call-it-1" };
    private static final String PASSWORD = "alice-password-1";
    private static final String CUSTOMER = "+442079460123";

    @TempDir
    Path base;

    @Test
    void theAgentsPhoneRingsShowingTheCustomerThenTheCustomerIsCalledAsTheAgent() throws Exception {
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n"); // SIPp's digest
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            int carrierPort = ServerProcess.freePort();
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"" + PASSWORD
                    + "\",\"callClass\":\"international\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/users/ivan", "{\"password\":\"ivan-password-1\",\"callClass\":\"internal\"}",
                    ADMIN).statusCode());
            assertEquals(201, server.put("/sip/numbers/%2B442071110001", "{\"destination\":\"alice\"}", ADMIN).statusCode());
            assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                    + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"codecs\":[\"PCMA\"],\"probe\":false}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/routes/uk", "{\"pattern\":\"+44.\",\"trunks\":[\"carrier\"]}", ADMIN)
                    .statusCode());
            JsonNode made = ServerProcess.JSON.readTree(server.post("/tokens", json("{\"name\":\"crm\","
                    + "\"scopes\":[\"calls\"]}"), ADMIN).body());
            String[] crm = { made.path("token").asText() };
            String[] reader = { ServerProcess.JSON.readTree(server.post("/tokens", json("{\"name\":\"reports\","
                    + "\"scopes\":[\"cdr:read\"]}"), ADMIN).body()).path("token").asText() };

            Sipp carrier = Sipp.start(sipp, "sipp-carrier.xml", server.sipPort, carrierPort, "u1", "-m", "1");
            try (Baresip alice = new Baresip(base.resolve("alice"), "<sip:alice@127.0.0.1:" + server.sipPort
                    + ">;auth_pass=" + PASSWORD + ";answermode=manual", Tones.write(base.resolve("alice.wav"), 440, 30),
                    List.of())) {
                PhoneChecks.await("alice registered", () -> PhoneChecks.registered(server, "alice", ADMIN), alice::output);
                int deskPort = ServerProcess.freePort();
                Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, deskPort, "u1", "-s", "alice", "-au",
                        "alice", "-ap", PASSWORD, "-key", "expires", "3600", "-m", "1");
                assertEquals(0, reg.await(60), reg.report());
                Sipp desk = Sipp.start(sipp, "sipp-ring-elsewhere.xml", server.sipPort, deskPort, "u1", "-m", "1");

                assertEquals(403, server.post("/calls", json("{\"from\":\"alice\",\"to\":\"" + CUSTOMER + "\"}"), reader)
                        .statusCode(), "a token without the scope calls");
                HttpResponse<String> refused = server.post("/calls", json("{\"from\":\"ivan\",\"to\":\"" + CUSTOMER
                        + "\"}"), crm);
                assertEquals(400, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("ivan may not call " + CUSTOMER), refused.body());

                HttpResponse<String> placed = server.post("/calls", json("{\"from\":\"alice\",\"to\":\"" + CUSTOMER
                        + "\",\"name\":\"Ada Lovelace\"}"), crm);
                assertEquals(202, placed.statusCode(), placed.body());
                String id = ServerProcess.JSON.readTree(placed.body()).path("callId").asText();
                PhoneChecks.await("alice's phone shows the customer", () -> output(alice).contains(
                        "Incoming call from: Ada Lovelace sip:" + CUSTOMER + "@"), () -> output(alice) + server.output());
                assertEquals("setup", server.getJson("/calls/" + id, crm).path("state").asText());
                alice.command("accept", "");
                assertEquals(0, desk.await(30), "the desk phone stops, answered elsewhere: " + desk.report());
                Sipp leaves = Sipp.start(sipp, "sipp-register.xml", server.sipPort, deskPort, "u1", "-s", "alice", "-au",
                        "alice", "-ap", PASSWORD, "-key", "expires", "0", "-m", "1");
                assertEquals(0, leaves.await(60), leaves.report());
                PhoneChecks.await("the customer answered", () -> {
                    try {
                        return "answered".equals(server.getJson("/calls/" + id, crm).path("state").asText());
                    } catch (Exception e) {
                        return false;
                    }
                }, () -> carrier.report() + server.output());
                Thread.sleep(1_500);
                alice.command("hangup", "");
                assertEquals(0, carrier.await(30), carrier.report() + server.output());
                PhoneChecks.await("the call ended", () -> PhoneChecks.noCalls(server, ADMIN));

                // alice declines the next one: the number is never called, and the record says why
                String declined = ServerProcess.JSON.readTree(server.post("/calls", json("{\"from\":\"alice\",\"to\":\""
                        + CUSTOMER + "\"}"), crm).body()).path("callId").asText();
                PhoneChecks.await("alice's phone rings again", () -> output(alice).split("Incoming call from: ").length
                        == 3, () -> output(alice));
                alice.command("hangup", "");
                PhoneChecks.await("the declined call ended", () -> PhoneChecks.noCalls(server, ADMIN));
                JsonNode two = PhoneChecks.latest(server, ADMIN, "callee:\"" + CUSTOMER + "\"", 2);
                assertTrue(two.path("sipReason").asText().startsWith("alice's phone answered 4")
                        || two.path("sipReason").asText().startsWith("alice's phone answered 6"), two.toString());
                assertTrue(!"ANSWERED".equals(two.path("disposition").asText()), two.toString());
                assertEquals(404, server.get("/calls/" + declined, crm).statusCode());

                // a party and a room: alice is put into conference room 8100 once she answers
                assertEquals(201, server.put("/conference/rooms/8100", "{\"name\":\"Standup\",\"tones\":false}", ADMIN)
                        .statusCode());
                var toRoom = server.post("/calls", json("{\"from\":\"alice\",\"to\":\"8100\",\"name\":\"Standup\"}"), crm);
                assertEquals(202, toRoom.statusCode(), toRoom.body());
                PhoneChecks.await("alice's phone rings for the room", () -> output(alice).contains(
                        "Incoming call from: Standup sip:8100@"), () -> output(alice));
                alice.command("accept", "");
                PhoneChecks.await("alice in the room", () -> {
                    try {
                        return server.getJson("/conference/rooms/8100/participants", ADMIN).size() == 1;
                    } catch (Exception e) {
                        return false;
                    }
                }, server::output);
                Thread.sleep(1_000);
                alice.command("hangup", "");
                PhoneChecks.await("the room call ended", () -> PhoneChecks.noCalls(server, ADMIN));
                JsonNode room = PhoneChecks.record(server, ADMIN, "callee:8100");
                assertEquals("ANSWERED", room.path("disposition").asText(), room.toString());
                assertEquals("relay", room.path("tags").path("media").asText(), room.toString());

                // the carrier plays an announcement before refusing: alice, answered already, hears it
                Path announcement = aLawTone(sipp.resolve("announcement.wav"), 1000, 6);
                try (var scenario = ClickToCallIT.class.getResourceAsStream("/sipp-carrier-early-media.xml")) {
                    Files.writeString(sipp.resolve("sipp-carrier-early-media.xml"), new String(scenario.readAllBytes(),
                            StandardCharsets.ISO_8859_1).replace("TONE_FILE", announcement.toString()),
                            StandardCharsets.ISO_8859_1);
                }
                Sipp announcing = Sipp.start(sipp, "sipp-carrier-early-media.xml", server.sipPort, carrierPort, "u1",
                        "-m", "1");
                assertEquals(202, server.post("/calls", json("{\"from\":\"alice\",\"to\":\"" + CUSTOMER + "\"}"), crm)
                        .statusCode());
                PhoneChecks.await("alice's phone rings a fourth time", () -> output(alice).split("Incoming call from: ")
                        .length == 5, () -> output(alice));
                alice.command("accept", "");
                // both ways through the relay while the number only rings: alice's phone is not on hold
                PhoneChecks.await("alice's and the carrier's packets at the relay", () -> {
                    try {
                        JsonNode q = server.getJson("/media/sessions", ADMIN).path(0).path("quality");
                        return q.path("A").path("packets").asInt() > 20 && q.path("B").path("packets").asInt() > 20;
                    } catch (Exception e) {
                        return false;
                    }
                }, () -> output(alice));
                assertEquals(0, announcing.await(30), announcing.report() + server.output());
                PhoneChecks.await("the refused call ended", () -> PhoneChecks.noCalls(server, ADMIN));
                PhoneChecks.assertHears("alice, the carrier's early media", alice.lastHeard(), 1000, 440);
            }
            JsonNode record = PhoneChecks.record(server, ADMIN, "callee:\"" + CUSTOMER + "\" AND disposition:ANSWERED");
            assertEquals("alice", record.path("caller").asText(), record.toString());
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
            assertEquals("OUTBOUND", record.path("direction").asText());
            assertEquals("carrier", record.path("trunkOut").asText());
            assertEquals(CUSTOMER + " Ada Lovelace", record.path("tags").path("clickToCall").asText(), record.toString());
            assertEquals("CALLER", record.path("hangupSide").asText(), "alice hung up");
            assertEquals("relay", record.path("tags").path("media").asText(), "joined through the relay");
            assertEquals("PCMA", record.path("codec").asText(), record.toString());
            JsonNode refusedRecord = PhoneChecks.record(server, ADMIN, "callee:\"" + CUSTOMER + "\" AND sipCode:480");
            assertEquals("relay", refusedRecord.path("tags").path("media").asText(), refusedRecord.toString());
            PhoneChecks.records(server, ADMIN, "caller:alice", 4); // one record a call
            assertEquals(404, server.get("/calls/" + "no-such-call", crm).statusCode());
        }
    }

    /** An 8 kHz A-law WAV of a tone, as SIPp streams it with payload type 8. */
    private static Path aLawTone(Path file, int hz, int seconds) throws Exception {
        Path pcm = Tones.write(file.resolveSibling("pcm-" + file.getFileName()), hz, seconds);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(pcm.toFile());
                AudioInputStream alaw = AudioSystem.getAudioInputStream(AudioFormat.Encoding.ALAW, in)) {
            AudioSystem.write(alaw, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String output(Baresip phone) {
        try {
            return phone.output();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
