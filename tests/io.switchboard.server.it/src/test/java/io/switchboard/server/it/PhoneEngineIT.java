package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.api.Transport;
import io.switchboard.phone.core.internal.PhoneEngineImpl;

/**
 * The phone engine against a real phone through the switch: it registers with a digest challenge
 * (MD5, and SHA-256 for carol),
 * calls baresip and is called by it, and each end hears the other's tone (Goertzel power in the
 * recordings); two engines then call each other and the digits one sends arrive at the other as
 * RFC 4733 events; hold and resume go through the switch as re-INVITEs.
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
            for (String[] u : new String[][] { { "alice", "alice-password-1" }, { "bob", "bob-password-22" } }) {
                assertEquals(201, server.put("/sip/users/" + u[0], "{\"password\":\"" + u[1] + "\"}", ADMIN)
                        .statusCode());
            }
            // carol's phone is challenged with SHA-256 only (RFC 8760)
            assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"carol-password-3\","
                    + "\"algorithms\":[\"SHA-256\"]}", ADMIN).statusCode());
            Events aliceEvents = new Events();
            try (Phone alice = engine.open(account(server, "alice", "alice-password-1"), aliceEvents);
                    Baresip bob = new Baresip(base.resolve("baresip"), server.sipPort, "bob", "bob-password-22",
                            bobTone)) {
                await("alice registers", alice::registered);
                await("bob registers", () -> registered(server, "bob"));

                // the engine calls baresip, which answers by itself
                Path aliceHeard = base.resolve("alice-heard-1.wav");
                PhoneCall out = alice.dial("bob", engine.tone(ENGINE_HZ), engine.record(aliceHeard));
                await("bob answers", () -> out.state() == CallState.CONNECTED);
                Thread.sleep(4000);
                CallStats stats = out.stats();
                assertEquals("PCMU", stats.codec(), stats.toString());
                assertTrue(stats.packetsReceived() > 150 && stats.packetsSent() > 150, stats.toString());
                assertTrue(stats.lossPercent() < 1 && stats.mos() > 4, stats.toString());
                out.hangup();
                await("the call ends at the switch", () -> noCalls(server));
                Thread.sleep(500); // baresip closes its recording
                assertHears("alice (engine)", aliceHeard, BARESIP_HZ, ENGINE_HZ);
                assertHears("bob (baresip)", bob.lastHeard(), ENGINE_HZ, BARESIP_HZ);

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
                await("bob's hang-up reaches the engine", () -> in.state() == CallState.ENDED);
                assertHears("alice (engine)", aliceHeard2, BARESIP_HZ, ENGINE_HZ);
                Path bobHeard2 = bob.lastHeard();
                assertTrue(!bobHeard2.equals(bobBefore), "baresip recorded the second call");
                assertHears("bob (baresip)", bobHeard2, ENGINE_HZ, BARESIP_HZ);
                assertEquals(2, alice.history().size());
            }

            // two engines: digits as RFC 4733 events, hold and resume
            Events carolEvents = new Events();
            try (Phone alice = engine.open(account(server, "alice", "alice-password-1"), new Events());
                    Phone carol = engine.open(account(server, "carol", "carol-password-3"), carolEvents)) {
                await("both register", () -> alice.registered() && carol.registered());
                PhoneCall out = alice.dial("carol", engine.tone(ENGINE_HZ), null);
                PhoneCall in = carolEvents.incoming.poll(20, TimeUnit.SECONDS);
                assertNotNull(in, "carol hears of alice's call");
                in.answer(engine.tone(BARESIP_HZ), null);
                await("alice is connected", () -> out.state() == CallState.CONNECTED);
                out.sendDtmf("159#*0");
                StringBuilder digits = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    Character d = carolEvents.digits.poll(10, TimeUnit.SECONDS);
                    assertNotNull(d, "digit " + (i + 1) + " arrived; so far " + digits);
                    digits.append(d);
                }
                assertEquals("159#*0", digits.toString());
                out.hold();
                await("carol is held", () -> in.state() == CallState.HELD);
                out.resume();
                await("carol is back", () -> in.state() == CallState.CONNECTED);
                long before = in.stats().packetsReceived();
                Thread.sleep(1000);
                assertTrue(in.stats().packetsReceived() > before + 30, "audio flows again after the resume");
                in.hangup();
                await("alice hears the hang-up", () -> out.state() == CallState.ENDED);
            }
        }
    }

    private static PhoneAccount account(ServerProcess server, String user, String password) {
        return new PhoneAccount(user, "127.0.0.1", password, "127.0.0.1", server.sipPort, Transport.UDP, null, 300);
    }

    private static boolean registered(ServerProcess server, String user) {
        try {
            return server.getJson("/sip/registrations?user=" + user, ADMIN).size() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean noCalls(ServerProcess server) {
        try {
            return server.getJson("/sip/calls", ADMIN).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The recording holds the other end's tone, far above its own. */
    private static void assertHears(String who, Path recording, int otherHz, int ownHz) throws Exception {
        assertNotNull(recording, who + " recorded nothing");
        double other = Tones.power(recording, otherHz);
        double own = Tones.power(recording, ownHz);
        assertTrue(other > 1e9 && other > 100 * own, who + " hears the other end's " + otherHz + " Hz in " + recording
                + ": " + other + " against " + own + " at its own " + ownHz + " Hz");
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
