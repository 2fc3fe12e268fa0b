package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * The phone engine against real phones through the switch: it registers with a digest challenge
 * (MD5, and SHA-256 for carol), calls baresip and is called by it, and each end hears the other's
 * tone (Goertzel power in the recordings); two engines then call each other, the digits one sends
 * arrive at the other as RFC 4733 events, hold and resume go through the switch as re-INVITEs, and
 * their RTCP reports give each other the round trip. linphonec answers the engine and calls it,
 * each end hearing the other.
 */
class PhoneEngineIT {

    private static final String[] ADMIN = { "admin", "phone-engine-it-secret" };
    private static final int ENGINE_HZ = 440;
    private static final int BARESIP_HZ = 1000;

    @TempDir
    Path base;

    @Test
    void theEngineCallsARealPhoneIsCalledByItAndEnginesExchangeDigits() throws Exception {
        Path bobTone = Tones.write(base.resolve("bob-1000.wav"), BARESIP_HZ, 30);
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22");
            // carol's phone is challenged with SHA-256 only (RFC 8760)
            assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"carol-password-3\","
                    + "\"algorithms\":[\"SHA-256\"]}", ADMIN).statusCode());
            Events aliceEvents = new Events();
            try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), aliceEvents);
                    Baresip bob = new Baresip(base.resolve("baresip"), server.sipPort, "bob", "bob-password-22",
                            bobTone)) {
                PhoneChecks.await("alice registers", alice::registered);
                PhoneChecks.await("bob registers", () -> PhoneChecks.registered(server, "bob", ADMIN));

                // the engine calls baresip, which answers by itself
                Path aliceHeard = base.resolve("alice-heard-1.wav");
                PhoneCall out = alice.dial("bob", engine.tone(ENGINE_HZ), engine.record(aliceHeard));
                PhoneChecks.await("bob answers", () -> out.state() == CallState.CONNECTED);
                Thread.sleep(4000);
                CallStats stats = out.stats();
                assertEquals("PCMU", stats.codec(), stats.toString());
                assertTrue(stats.packetsReceived() > 150 && stats.packetsSent() > 150, stats.toString());
                assertTrue(stats.lossPercent() < 1 && stats.mos() > 4, stats.toString());
                out.hangup();
                PhoneChecks.await("the call ends at the switch", () -> PhoneChecks.noCalls(server, ADMIN));
                Thread.sleep(500); // baresip closes its recording
                PhoneChecks.assertHears("alice (engine)", aliceHeard, BARESIP_HZ, ENGINE_HZ);
                PhoneChecks.assertHears("bob (baresip)", bob.lastHeard(), ENGINE_HZ, BARESIP_HZ);

                // baresip calls the engine, which answers
                Path aliceHeard2 = base.resolve("alice-heard-2.wav");
                Path bobBefore = bob.lastHeard();
                bob.command("dial", "sip:alice@127.0.0.1:" + server.sipPort);
                PhoneCall in = aliceEvents.incoming.poll(20, TimeUnit.SECONDS);
                assertNotNull(in, "the engine hears of bob's call");
                assertTrue(in.remote().contains("bob"), in.remote());
                in.answer(engine.tone(ENGINE_HZ), engine.record(aliceHeard2));
                Thread.sleep(4000);
                bob.command("hangup", "");
                PhoneChecks.await("bob's hang-up reaches the engine", () -> in.state() == CallState.ENDED);
                PhoneChecks.assertHears("alice (engine)", aliceHeard2, BARESIP_HZ, ENGINE_HZ);
                Path bobHeard2 = bob.lastHeard();
                assertTrue(!bobHeard2.equals(bobBefore), "baresip recorded the second call");
                PhoneChecks.assertHears("bob (baresip)", bobHeard2, ENGINE_HZ, BARESIP_HZ);
                assertEquals(2, alice.history().size());
            }

            // two engines: digits as RFC 4733 events, hold and resume
            Events carolEvents = new Events();
            try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), new Events());
                    Phone carol = engine.open(PhoneChecks.account(server, "carol", "carol-password-3"),
                            carolEvents)) {
                PhoneChecks.await("both register", () -> alice.registered() && carol.registered());
                PhoneCall out = alice.dial("carol", engine.tone(ENGINE_HZ), null);
                PhoneCall in = carolEvents.incoming.poll(20, TimeUnit.SECONDS);
                assertNotNull(in, "carol hears of alice's call");
                in.answer(engine.tone(BARESIP_HZ), null);
                PhoneChecks.await("alice is connected", () -> out.state() == CallState.CONNECTED);
                out.sendDtmf("159#*0");
                StringBuilder digits = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    Character d = carolEvents.digits.poll(10, TimeUnit.SECONDS);
                    assertNotNull(d, "digit " + (i + 1) + " arrived; so far " + digits);
                    digits.append(d);
                }
                assertEquals("159#*0", digits.toString());
                out.hold();
                PhoneChecks.await("carol is held", () -> in.state() == CallState.HELD);
                out.resume();
                PhoneChecks.await("carol is back", () -> in.state() == CallState.CONNECTED);
                long before = in.stats().packetsReceived();
                Thread.sleep(1000);
                assertTrue(in.stats().packetsReceived() > before + 30, "audio flows again after the resume");
                // each end's RTCP reports give the other its round trip, a loopback's: a few milliseconds
                PhoneChecks.await("alice's round trip from carol's reports", () -> out.stats().rttMs() != null);
                assertTrue(out.stats().rttMs() < 50, out.stats().toString());
                in.hangup();
                PhoneChecks.await("alice hears the hang-up", () -> out.state() == CallState.ENDED);
            }
        }
    }

    @Test
    void linphonecAnswersTheEngineAndCallsIt() throws Exception {
        Path daveTone = Tones.write(base.resolve("dave-1000.wav"), BARESIP_HZ, 30);
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "dave", "dave-password-4");
            Events aliceEvents = new Events();
            try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), aliceEvents);
                    Linphonec dave = new Linphonec(base.resolve("linphonec"))) {
                dave.type("register sip:dave@127.0.0.1:" + server.sipPort + " sip:127.0.0.1:" + server.sipPort
                        + " dave-password-4");
                PhoneChecks.await("alice and dave register", () -> alice.registered()
                        && PhoneChecks.registered(server, "dave", ADMIN));
                dave.type("play " + daveTone);

                // the engine calls linphonec, which answers by itself
                Path daveHeard = base.resolve("dave-heard-1.wav");
                dave.type("record " + daveHeard);
                Path aliceHeard = base.resolve("alice-heard-l1.wav");
                PhoneCall out = alice.dial("dave", engine.tone(ENGINE_HZ), engine.record(aliceHeard));
                PhoneChecks.await("linphonec answers", () -> out.state() == CallState.CONNECTED);
                Thread.sleep(4000);
                String codec = out.stats().codec();
                out.hangup();
                PhoneChecks.await("the call ends at the switch", () -> PhoneChecks.noCalls(server, ADMIN));
                Thread.sleep(500); // linphonec closes its recording
                PhoneChecks.assertHears("alice (engine, " + codec + ")", aliceHeard, BARESIP_HZ, ENGINE_HZ);
                PhoneChecks.assertHears("dave (linphonec, " + codec + ")", daveHeard, ENGINE_HZ, BARESIP_HZ);

                // linphonec calls the engine, which answers
                Path daveHeard2 = base.resolve("dave-heard-2.wav");
                dave.type("record " + daveHeard2);
                dave.type("call sip:alice@127.0.0.1:" + server.sipPort);
                PhoneCall in = aliceEvents.incoming.poll(20, TimeUnit.SECONDS);
                assertNotNull(in, "the engine hears of dave's call: " + dave.output());
                Path aliceHeard2 = base.resolve("alice-heard-l2.wav");
                in.answer(engine.tone(ENGINE_HZ), engine.record(aliceHeard2));
                Thread.sleep(4000);
                dave.type("terminate");
                PhoneChecks.await("dave's hang-up reaches the engine", () -> in.state() == CallState.ENDED);
                Thread.sleep(500);
                PhoneChecks.assertHears("alice (engine)", aliceHeard2, BARESIP_HZ, ENGINE_HZ);
                PhoneChecks.assertHears("dave (linphonec)", daveHeard2, ENGINE_HZ, BARESIP_HZ);
            }
        }
    }

    static final class Events implements PhoneListener {
        final BlockingQueue<PhoneCall> incoming = new LinkedBlockingQueue<>();
        final BlockingQueue<Character> digits = new LinkedBlockingQueue<>();

        @Override
        public void incoming(PhoneCall call) {
            incoming.add(call);
        }

        @Override
        public void dtmf(PhoneCall call, char digit) {
            digits.add(digit);
        }
    }
}
