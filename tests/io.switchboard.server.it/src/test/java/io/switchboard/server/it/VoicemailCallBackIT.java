package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;

/**
 * Calling back a message's caller from the voicemail menu: dave leaves erin a message; erin listens
 * from her phone and presses 5; her phone is asked (REFER) to call dave, does so on her own account,
 * and once dave answers the voicemail call ends. Dave hears erin's tone; the message is kept as
 * heard; the voicemail call's record names the transfer.
 */
class VoicemailCallBackIT {

    private static final String[] ADMIN = { "admin", "voicemail-callback-it-secret" };
    private static final int DAVE_HZ = 660;
    private static final int ERIN_HZ = 1000;

    @TempDir
    Path base;

    @Test
    void fiveCallsTheCallerBackFromTheListenersPhone() throws Exception {
        Path etc = Files.createDirectories(base.resolve("etc"));
        Files.writeString(etc.resolve("io.switchboard.voicemail.cfg"), "minSeconds = 1\nenabledByDefault = true\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "dave", "dave-password-4", "erin", "erin-password-5");
            assertEquals(200, server.put("/forwarding/users/erin", "{\"always\":\"voicemail\"}", ADMIN).statusCode());
            Path daveHeard = base.resolve("dave-heard.wav");
            AtomicReference<PhoneCall> daveAnswered = new AtomicReference<>();
            try (Phone dave = engine.open(PhoneChecks.account(server, "dave", "dave-password-4"), new PhoneListener() {
                @Override
                public void incoming(PhoneCall call) {
                    call.answer(engine.tone(DAVE_HZ), engine.record(daveHeard));
                    daveAnswered.set(call);
                }
            }); Phone erin = engine.open(PhoneChecks.account(server, "erin", "erin-password-5"), new PhoneListener() {
            })) {
                PhoneChecks.await("the phones registered", () -> dave.registered() && erin.registered());
                PhoneCall deposit = dave.dial("erin", engine.tone(DAVE_HZ), null);
                PhoneChecks.await("voicemail answers dave", () -> deposit.state() == CallState.CONNECTED,
                        server::output);
                Thread.sleep(10_000); // the greeting and the beep, then his tone
                deposit.hangup();
                PhoneChecks.await("the message kept", () -> messages(server).size() == 1, server::output);

                PhoneCall listening = erin.dial("voicemail", engine.tone(ERIN_HZ), null);
                PhoneChecks.await("voicemail answers erin", () -> listening.state() == CallState.CONNECTED,
                        server::output);
                Thread.sleep(9_000); // the menu (7.9 s), then dave's message
                listening.sendDtmf("5");
                PhoneChecks.await("dave's phone answers erin's call back", () -> daveAnswered.get() != null
                        && daveAnswered.get().state() == CallState.CONNECTED, server::output);
                PhoneChecks.await("the voicemail call ends once dave answered",
                        () -> listening.state() == CallState.ENDED, server::output);
                List<PhoneCall> erinCalls = erin.calls();
                assertEquals(1, erinCalls.size(), "erin is in one call, with dave: " + erinCalls);
                Thread.sleep(3_000);
                daveAnswered.get().hangup();
                PhoneChecks.await("the call back ends", () -> erin.calls().isEmpty());
            }
            PhoneChecks.assertHears("dave", daveHeard, ERIN_HZ, DAVE_HZ);
            assertTrue(messages(server).get(0).path("heard").asBoolean(), "kept as heard: " + messages(server));

            PhoneChecks.await("the records of erin's two calls", () -> records(server).size() == 2,
                    () -> records(server).toString());
            JsonNode toVoicemail = null;
            JsonNode toDave = null;
            for (JsonNode r : records(server)) {
                if (r.path("callee").asText().equals("dave")) {
                    toDave = r;
                } else {
                    toVoicemail = r;
                }
            }
            assertTrue(toVoicemail != null && toDave != null, records(server).toString());
            assertEquals("voicemail", toVoicemail.path("callee").asText(), toVoicemail.toString());
            assertEquals("dave", toVoicemail.path("tags").path("transferredTo").asText(),
                    "the voicemail call names where erin's phone went: " + toVoicemail);
            assertEquals("ANSWERED", toDave.path("disposition").asText(), toDave.toString());
        }
    }

    private static JsonNode records(ServerProcess server) {
        try {
            return server.getJson("/cdr/records?q=" + URLEncoder.encode("caller:erin", StandardCharsets.UTF_8)
                    + "&sort=start", ADMIN).path("records");
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }

    private static JsonNode messages(ServerProcess server) {
        try {
            return server.getJson("/voicemail/mailboxes/erin/messages", ADMIN);
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }
}
