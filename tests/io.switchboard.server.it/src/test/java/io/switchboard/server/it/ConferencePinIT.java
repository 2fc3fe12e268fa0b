package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;

/**
 * A conference PIN guessed across parallel calls (issue 61): mallory opens three calls to a PIN room
 * at once and types wrong PINs in two of them; at the fourth wrong PIN from her address PIN entry is
 * closed to it, the right PIN typed in the calls still open is refused, a new call gets 403, the server
 * logs the lockout and the room's JSON shows it; it ends on its own and the right PIN lets her in.
 * Carol, not in the room, may not watch its roster (403). A room's media timeout ends a phone that
 * sends nothing, never one on hold.
 */
class ConferencePinIT {

    private static final String[] ADMIN = { "admin", "conference-pin-it-secret" };
    private static final String PIN = "2468";
    private static final Pattern COUNTED = Pattern.compile("a wrong PIN from 127\\.0\\.0\\.1 \\((\\d+) of 4");
    /** Guesses, as a guesser types them. */
    private static final String[] GUESSES = { "0000#", "1234#", "1111#", "9999#" };

    @TempDir
    Path base;

    @Test
    void guessesAcrossParallelCallsLockTheSourceUntilTheLockoutEnds() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Files.writeString(base.resolve("etc/io.switchboard.conference.cfg"), "pinFailuresPerSource = 4\n"
                + "pinFailuresPerRoom = 20\npinLockoutSeconds = 8\nmediaTimeoutSeconds = 4\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl(); RawSip stranger = new RawSip()) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            PhoneChecks.users(server, ADMIN, "mallory", "mallory-password-1", "carol", "carol-password-3");
            assertEquals(201, server.put("/conference/rooms/7003", "{\"name\":\"Board\",\"pin\":\"" + PIN + "\"}",
                    ADMIN).statusCode());

            RawSip.Reply roster = TextMessages.request(stranger, server.sipPort, "SUBSCRIBE", "carol", "7003",
                    "Event: conference\nAccept: application/conference-info+xml\nExpires: 600\nContact: <sip:carol@"
                            + "127.0.0.1:" + stranger.port + ">", "", "carol", "carol-password-3");
            assertNotNull(roster, "no answer to carol's SUBSCRIBE");
            assertEquals(403, roster.status(), "a PIN room's roster is for those in it: " + roster.text());

            try (Phone mallory = engine.open(PhoneChecks.account(server, "mallory", "mallory-password-1"),
                    new PhoneListener() {
                    })) {
                PhoneChecks.await("mallory registered", mallory::registered);
                PhoneCall[] calls = new PhoneCall[3];
                for (int i = 0; i < calls.length; i++) {
                    calls[i] = mallory.dial("7003", engine.tone(440), null);
                }
                for (PhoneCall c : calls) {
                    PhoneChecks.await("the bridge answers", () -> c.state() == CallState.CONNECTED, server::output);
                }
                for (int i = 0; i < GUESSES.length; i++) {
                    calls[i / 2].sendDtmf(GUESSES[i]);
                    int count = i + 1;
                    PhoneChecks.await("wrong PIN " + count + " counted", () -> wrongPins(server) >= count,
                            server::output);
                }
                PhoneChecks.await("the lockout logged", () -> log(server).contains("PIN entry locked for 127.0.0.1 "
                        + "until"), server::output);
                PhoneChecks.await("the call of the fourth guess ended", () -> calls[1].state() == CallState.ENDED,
                        server::output);

                // the right PIN, in the calls that were open before the lockout
                for (PhoneCall c : new PhoneCall[] { calls[0], calls[2] }) {
                    c.sendDtmf(PIN + "#");
                    PhoneChecks.await("the right PIN refused while locked", () -> c.state() == CallState.ENDED,
                            server::output);
                }
                assertTrue(log(server).contains("a PIN from 127.0.0.1 not taken"), server.output());
                JsonNode room = server.getJson("/conference/rooms/7003", ADMIN);
                assertEquals("127.0.0.1", room.path("pinLockedSources").path(0).path("source").asText(), room.toString());
                assertEquals(4, room.path("pinLockedSources").path(0).path("wrongPins").asInt(), room.toString());
                assertTrue(room.path("participants").isEmpty(), room.toString());

                PhoneCall refused = mallory.dial("7003", engine.tone(440), null);
                PhoneChecks.await("a new call refused", () -> refused.state() == CallState.ENDED, server::output);
                assertEquals(403, refused.failureCode());

                PhoneChecks.await("the lockout ends on its own", () -> {
                    JsonNode locked = json(server, "/conference/rooms/7003").path("pinLockedSources");
                    return locked.isArray() && locked.isEmpty();
                }, server::output);
                PhoneCall again = mallory.dial("7003", engine.tone(440), null);
                PhoneChecks.await("the bridge answers again", () -> again.state() == CallState.CONNECTED,
                        server::output);
                again.sendDtmf(PIN + "#");
                PhoneChecks.await("the right PIN lets her in", () -> {
                    JsonNode in = json(server, "/conference/rooms/7003/participants");
                    return in.isArray() && in.size() == 1 && !in.get(0).path("joined").isNull();
                }, server::output);
                again.hangup();
            }
            silentParticipants(server);
        }
    }

    /**
     * The rooms' media timeout (4 s here): carol's phone that sends nothing is ended by the room, her
     * other phone, on hold (a=inactive) for 12 s, is left alone and hangs up itself. Then the room calls
     * dave, whose phone answers and sends nothing: the room ends that call too.
     */
    private void silentParticipants(ServerProcess server) throws Exception {
        assertEquals(201, server.put("/conference/rooms/7004", "{\"name\":\"Standup\"}", ADMIN).statusCode());
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        Sipp held = Sipp.start(sipp, "sipp-call-room-held.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                "7004", "-au", "carol", "-ap", "carol-password-3", "-key", "caller", "carol", "-d", "12000", "-m", "1");
        Sipp silent = Sipp.start(sipp, "sipp-call-room-silent.xml", server.sipPort, ServerProcess.freePort(), "u1",
                "-s", "7004", "-au", "carol", "-ap", "carol-password-3", "-key", "caller", "carol", "-m", "1");
        assertEquals(0, silent.await(60), "the silent phone ended by the room\n" + silent.report() + server.output());
        assertEquals(0, held.await(60), "the held phone left alone\n" + held.report() + server.output());
        JsonNode ended = PhoneChecks.record(server, ADMIN, "callee:7004 AND tag:audio");
        assertEquals("no audio from the caller for 4 s", ended.path("tags").path("ended").asText(), ended.toString());
        assertEquals(1, server.output().split("sent no audio for 4 s: ended", -1).length - 1, server.output());

        PhoneChecks.users(server, ADMIN, "dave", "dave-password-4");
        int davePort = ServerProcess.freePort();
        Sipp registered = Sipp.start(sipp, "sipp-register.xml", server.sipPort, davePort, "u1", "-s", "dave", "-au",
                "dave", "-ap", "dave-password-4", "-key", "expires", "300", "-m", "1");
        assertEquals(0, registered.await(60), registered.report());
        Sipp dave = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, davePort, "u1", "-m", "1");
        var invited = server.post("/conference/rooms/7004/invite", "{\"target\":\"dave\"}".getBytes(
                StandardCharsets.UTF_8), ADMIN);
        assertEquals(202, invited.statusCode(), invited.body());
        assertEquals(0, dave.await(60), "the silent phone the room called, ended by the room\n" + dave.report()
                + server.output());
        assertEquals(2, server.output().split("sent no audio for 4 s: ended", -1).length - 1, server.output());
    }

    private static int wrongPins(ServerProcess server) {
        Matcher m = COUNTED.matcher(log(server));
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static String log(ServerProcess server) {
        try {
            return server.output();
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode json(ServerProcess server, String path) {
        try {
            return server.getJson(path, ADMIN);
        } catch (Exception e) {
            return ServerProcess.JSON.createObjectNode();
        }
    }
}
