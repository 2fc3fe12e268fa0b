package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.Transport;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * The engine's wideband codecs against baresip's (libopus, spandsp's G.722) through the switch: for
 * G.722 and for Opus, the engine (registered and calling over TCP) calls baresip, and each end hears
 * the other's tone. Both tones lie
 * in G.722's upper sub-band (above 4 kHz), which a sub-band coded the wrong way round would mirror
 * to 8 kHz minus the tone: the recordings must hold the tone and not its mirror image.
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class PhoneCodecsIT {

    private static final String[] ADMIN = { "admin", "phone-codecs-it-secret" };
    private static final int ENGINE_HZ = 5000;
    private static final int BARESIP_HZ = 6000;

    @TempDir
    Path base;

    @Test
    void g722AndOpusCarryWidebandAudioBothWaysWithARealPhone() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22", "dave",
                    "dave-password-4");
            try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1", Transport.TCP),
                    null)) {
                PhoneChecks.await("alice registers", alice::registered);
                String binding = server.getJson("/sip/registrations?user=alice", ADMIN).toString();
                assertTrue(binding.toLowerCase(Locale.ROOT).contains("transport=tcp"),
                        "the engine registers over TCP: " + binding);
                // baresip 1.0's file source plays only at the codec's own rate and channels: a phone and a
                // tone file for each
                for (String[] codec : new String[][] { { "G722", "16000", "1", "bob", "bob-password-22" },
                        { "opus", "48000", "2", "dave", "dave-password-4" } }) {
                    Path tone = Tones.write(base.resolve(codec[3] + ".wav"), BARESIP_HZ, 30, Integer.parseInt(codec[1]),
                            Integer.parseInt(codec[2]));
                    try (Baresip phone = new Baresip(base.resolve(codec[3]), "<sip:" + codec[3] + "@127.0.0.1:"
                            + server.sipPort + ">;auth_pass=" + codec[4], tone, List.of("module g722.so",
                                    "module opus.so"))) {
                        call(server, engine, alice, phone, codec[3], codec[0]);
                    }
                }
            }
        }
    }

    private void call(ServerProcess server, PhoneEngineImpl engine, Phone alice, Baresip bob, String user,
            String codec) throws Exception {
        assertTrue(alice.registered(), "alice is still registered before the " + codec + " call");
        try {
            PhoneChecks.await(user + " registers", () -> PhoneChecks.registered(server, user, ADMIN));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; baresip says: " + bob.output(), e);
        }
        alice.codecs(List.of(codec));
        Path heard = base.resolve("alice-heard-" + codec + ".wav");
        PhoneCall call = alice.dial(user, engine.tone(ENGINE_HZ), engine.record(heard));
        try {
            PhoneChecks.await(user + " answers the " + codec + " call",
                    () -> call.state() == CallState.CONNECTED || call.state() == CallState.ENDED);
        } catch (AssertionError e) {
            String out = bob.output();
            throw new AssertionError(e.getMessage() + " (" + call.state() + "); baresip's last words: "
                    + out.substring(Math.max(0, out.length() - 2000)), e);
        }
        assertEquals(CallState.CONNECTED, call.state(), "the " + codec + " call ended with " + call.failureCode());
        Thread.sleep(4000);
        CallStats stats = call.stats();
        assertEquals(codec, stats.codec(), stats.toString());
        assertTrue(stats.packetsReceived() > 150 && stats.lossPercent() < 1, stats.toString());
        assertTrue(stats.concealedPercent() < 2, "little concealed on a clean line: " + stats);
        call.hangup();
        PhoneChecks.await("the " + codec + " call ends at the switch", () -> PhoneChecks.noCalls(server, ADMIN));
        Thread.sleep(500); // baresip closes its recording
        PhoneChecks.assertHears("alice (engine, " + codec + ")", heard, BARESIP_HZ, ENGINE_HZ, 8000 - BARESIP_HZ);
        PhoneChecks.assertHears("bob (baresip, " + codec + ")", bob.lastHeard(), ENGINE_HZ, BARESIP_HZ,
                8000 - ENGINE_HZ);
    }
}
