package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Message waiting for a desk phone that never subscribes (RFC 3842's unsolicited NOTIFY): carol's
 * mailbox is set to tell her phones unsolicited. Her phone (SIPp) registers and is told "no" at
 * once; dave leaves a message (carol forwards every call to voicemail): "yes"; the message deleted:
 * "no". Erin, whose mailbox is not set so, gets no NOTIFY at all for her message.
 */
class UnsolicitedMwiIT {

    private static final String[] ADMIN = { "admin", "unsolicited-mwi-it-secret" };

    @TempDir
    Path base;

    @Test
    void aPhoneThatNeverSubscribesIsToldOfEachChangeAndAtRegistration() throws Exception {
        Path etc = Files.createDirectories(base.resolve("etc"));
        Files.writeString(etc.resolve("io.switchboard.voicemail.cfg"), "minSeconds = 1\nenabledByDefault = true\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "carol", "carol-password-3", "dave", "dave-password-4", "erin",
                    "erin-password-5");
            assertEquals(400, server.put("/voicemail/mailboxes/carol", "{\"unsolicited\":\"yes\"}", ADMIN)
                    .statusCode(), "a bad value is named, not taken");
            assertEquals(200, server.put("/voicemail/mailboxes/carol", "{\"unsolicited\":true}", ADMIN).statusCode());
            assertTrue(server.getJson("/voicemail/mailboxes/carol", ADMIN).path("unsolicited").asBoolean());
            for (String user : new String[] { "carol", "erin" }) {
                assertEquals(200, server.put("/forwarding/users/" + user, "{\"always\":\"voicemail\"}", ADMIN)
                        .statusCode());
            }

            Path sipp = Files.createDirectories(base.resolve("sipp"));
            int carolPort = ServerProcess.freePort();
            int erinPort = ServerProcess.freePort();
            for (String[] phone : new String[][] { { "carol", "carol-password-3", "" + carolPort },
                    { "erin", "erin-password-5", "" + erinPort } }) {
                Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, Integer.parseInt(phone[2]), "u1",
                        "-s", phone[0], "-au", phone[0], "-ap", phone[1], "-key", "expires", "3600", "-m", "1");
                assertEquals(0, reg.await(60), reg.report());
            }
            // the NOTIFY of carol's registration is sent again (UDP) until her phone's SIPp below answers it
            Sipp carolLamp = Sipp.start(sipp, "sipp-mwi-unsolicited.xml", server.sipPort, carolPort, "u1", "-m", "3");
            Sipp erinLamp = Sipp.start(sipp, "sipp-mwi-unsolicited.xml", server.sipPort, erinPort, "u1", "-m", "1");
            PhoneChecks.await("carol's phone told at its registration", () -> told(carolLamp) == 1,
                    carolLamp::report);

            try (PhoneEngineImpl engine = new PhoneEngineImpl();
                    Phone dave = engine.open(PhoneChecks.account(server, "dave", "dave-password-4"),
                            new PhoneListener() {
                            })) {
                PhoneChecks.await("dave's phone registered", dave::registered);
                for (String user : new String[] { "carol", "erin" }) {
                    PhoneCall call = dave.dial(user, engine.tone(440), null);
                    PhoneChecks.await("voicemail answers dave", () -> call.state() == CallState.CONNECTED,
                            server::output);
                    Thread.sleep(10_000); // the greeting and the beep, then his tone
                    call.hangup();
                    PhoneChecks.await(user + "'s message kept", () -> messages(server, user).size() == 1,
                            server::output);
                }
            }
            PhoneChecks.await("carol's phone told of the message", () -> told(carolLamp) == 2,
                    carolLamp::report);
            long id = messages(server, "carol").get(0).path("id").asLong();
            assertEquals(204, server.delete("/voicemail/messages/" + id, ADMIN).statusCode());
            assertEquals(0, carolLamp.await(30), carolLamp.report());
            assertEquals(List.of("no", "yes", "no"), waiting(carolLamp.messages()), "lit only while a new message "
                    + "waits: " + carolLamp.report());
            assertTrue(carolLamp.report().contains("Voice-Message: 1/0"), carolLamp.report());
            assertEquals(List.of(), waiting(erinLamp.messages()), "erin's phone is not set up for it: "
                    + erinLamp.report());
            erinLamp.kill();
        }
    }

    private static JsonNode messages(ServerProcess server, String user) {
        try {
            return server.getJson("/voicemail/mailboxes/" + user + "/messages", ADMIN);
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }

    private static int told(Sipp phone) {
        try {
            return waiting(phone.messages()).size();
        } catch (IOException e) {
            return -1;
        }
    }

    /** @return the Messages-Waiting of each NOTIFY the phone answered, in order */
    private static List<String> waiting(String trace) {
        List<String> out = new ArrayList<>();
        for (String message : trace.split("UDP message received")) {
            if (message.contains("NOTIFY sip:")) {
                Matcher m = Pattern.compile("Messages-Waiting: (yes|no)").matcher(message);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }
}
