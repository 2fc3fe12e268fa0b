package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Call parking with real phones (the phone engine), the lot parking for 5 s. Bob, the receptionist, takes alice's
 * call and transfers it to 700: alice's phone, off the relay, places the new call itself, and it waits on slot 701
 * with the hold music; bob's phone is told the slot in a text. Carol dials 701 and the two hear each other. Dave's
 * calls are on the relay: bob's transfer of dave is completed by the switch, dave's call never changes; left too
 * long, it rings bob again, who takes it; parked again while bob is away, it goes on to the fallback, carol.
 * Erin's park key (a SIPp subscription to 701's dialog state) lights while alice waits there. Last, erin's baresip
 * (a real phone) takes a call of dave's, parks it with its own transfer command, and gets it back 5 s later.
 */
class ParkingIT {

    private static final String[] ADMIN = { "admin", "parking-it-secret" };
    private static final String PASSWORD = "parking-password-1";
    private static final int ALICE_HZ = 440;
    private static final int BOB_HZ = 660;
    private static final int CAROL_HZ = 550;
    private static final int DAVE_HZ = 770;

    @TempDir
    Path base;

    @Test
    void callsParkedByTransferAreTakenFromAnyPhoneOrComeBack() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.parking.cfg"),
                "parkSeconds = 5\nreturnSeconds = 4\nfallback = carol\n");
        ServerProcess.sipSettings(base, "mediaOverrides", "user:dave=always");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", PASSWORD, "bob", PASSWORD, "carol", PASSWORD, "dave", PASSWORD,
                    "erin", PASSWORD);
            Path sipp = Files.createDirectories(base.resolve("sipp"));
            Sipp lamp = Sipp.start(sipp, "sipp-subscribe-dialog-3.xml", server.sipPort, ServerProcess.freePort(), "u1",
                    "-s", "701", "-au", "erin", "-ap", PASSWORD, "-key", "subscriber", "erin", "-m", "1");
            PhoneChecks.awaitFirstNotify(lamp);
            Path aliceHeard = base.resolve("alice-heard.wav");
            Path carolHeard = base.resolve("carol-heard.wav");
            Path daveHeard = base.resolve("dave-heard.wav");
            List<String> bobsTexts = new CopyOnWriteArrayList<>();
            AtomicBoolean bobAway = new AtomicBoolean();
            try (PhoneEngineImpl engine = new PhoneEngineImpl();
                    Phone alice = engine.open(PhoneChecks.account(server, "alice", PASSWORD), new PhoneListener() {
                    });
                    Phone bob = engine.open(PhoneChecks.account(server, "bob", PASSWORD), new PhoneListener() {
                        @Override
                        public void incoming(PhoneCall call) {
                            if (bobAway.get()) {
                                call.reject(486);
                            } else {
                                call.answer(engine.tone(BOB_HZ), null);
                            }
                        }

                        @Override
                        public void message(Phone phone, String from, String text, Instant written) {
                            bobsTexts.add(text);
                        }
                    });
                    Phone carol = engine.open(PhoneChecks.account(server, "carol", PASSWORD), new PhoneListener() {
                        @Override
                        public void incoming(PhoneCall call) {
                            call.answer(engine.tone(CAROL_HZ), null);
                        }
                    });
                    Phone dave = engine.open(PhoneChecks.account(server, "dave", PASSWORD), new PhoneListener() {
                    })) {
                PhoneChecks.await("everyone registered", () -> alice.registered() && bob.registered()
                        && carol.registered() && dave.registered());

                PhoneCall first = alice.dial("bob", engine.tone(ALICE_HZ), engine.record(aliceHeard));
                PhoneChecks.await("bob took alice's call", () -> first.state() == CallState.CONNECTED);
                PhoneCall bobsFirst = bob.calls().get(0);
                bobsFirst.transfer("700");
                PhoneChecks.await("alice waits on 701, parked by bob", () -> parked(server, "701", "alice", "bob"),
                        () -> server.getJson("/parking", ADMIN) + server.output());
                PhoneChecks.await("bob's call ended", () -> bobsFirst.state() == CallState.ENDED);
                PhoneChecks.await("bob's phone was told the slot", () -> bobsTexts.stream()
                        .anyMatch(t -> t.startsWith("Parked on 701: alice")), bobsTexts::toString);
                PhoneCall parked = alice.calls().stream().filter(c -> c != first).findFirst().orElseThrow();
                PhoneChecks.await("alice heard 2 s of music", () -> parked.stats().packetsReceived() > 100);

                PhoneCall taking = carol.dial("701", engine.tone(CAROL_HZ), engine.record(carolHeard));
                PhoneChecks.await("carol took alice from 701", () -> taking.state() == CallState.CONNECTED
                        && free(server, "701"));
                long before = parked.stats().packetsReceived();
                PhoneChecks.await("alice and carol talked 3 s", () -> parked.stats().packetsReceived() > before + 150
                        && taking.stats().packetsReceived() > 150);
                taking.hangup();
                PhoneChecks.await("alice's call ended with carol's", () -> parked.state() == CallState.ENDED,
                        server::output);
                assertEquals(0, lamp.await(30), lamp.report() + server.output());
                String seen = lamp.report();
                assertEquals(List.of("terminated", "confirmed", "terminated", "terminated"), BusyLampIT.states(seen),
                        "erin's park key: free, taken by alice, free again, and free in the NOTIFY that ends it: "
                                + seen);
                assertTrue(seen.contains("entity=\"sip:701@127.0.0.1\""), seen);

                PhoneCall daves = dave.dial("bob", engine.tone(DAVE_HZ), engine.record(daveHeard));
                PhoneChecks.await("bob took dave's call", () -> daves.state() == CallState.CONNECTED
                        && bob.calls().stream().anyMatch(c -> c.state() == CallState.CONNECTED));
                connected(bob).transfer("700");
                PhoneChecks.await("the switch parked dave's own call on 701", () -> parked(server, "701", "dave",
                        "bob"), () -> server.getJson("/parking", ADMIN) + server.output());
                assertEquals(CallState.CONNECTED, daves.state(), "dave's call is the same call, parked");
                PhoneChecks.await("bob's leg ended", () -> bob.calls().stream()
                        .noneMatch(c -> c.state() == CallState.CONNECTED));
                PhoneChecks.await("left 5 s, dave came back to bob", () -> free(server, "701")
                        && bob.calls().stream().anyMatch(c -> c.state() == CallState.CONNECTED), server::output);

                bobAway.set(true);
                connected(bob).transfer("700");
                PhoneChecks.await("dave parked again", () -> parked(server, "701", "dave", "bob"), server::output);
                PhoneChecks.await("bob away, dave went on to carol", () -> carol.calls().stream()
                        .anyMatch(c -> c != taking && c.state() == CallState.CONNECTED), server::output);
                assertEquals(CallState.CONNECTED, daves.state(), "dave's call went on all along");
                long heard = daves.stats().packetsReceived();
                PhoneChecks.await("dave heard carol 2 s", () -> daves.stats().packetsReceived() > heard + 100);
                daves.hangup();
                PhoneChecks.await("no call left", () -> PhoneChecks.noCalls(server, ADMIN), server::output);

                try (Baresip erin = new Baresip(base.resolve("erin"), server.sipPort, "erin", PASSWORD,
                        Tones.write(base.resolve("erin.wav"), 1000, 60))) {
                    PhoneChecks.await("erin's baresip registered", () -> PhoneChecks.registered(server, "erin", ADMIN),
                            erin::output);
                    PhoneCall toErin = dave.dial("erin", engine.tone(DAVE_HZ), null);
                    PhoneChecks.await("erin's baresip took dave's call", () -> toErin.state() == CallState.CONNECTED,
                            erin::output);
                    erin.command("transfer", "sip:700@127.0.0.1:" + server.sipPort);
                    PhoneChecks.await("a real phone's transfer parked dave", () -> parked(server, "701", "dave",
                            "erin"), () -> erin.output() + server.output());
                    // 5 s later the call comes back to erin's phone, which answers it on its own
                    PhoneChecks.await("dave's call came back to erin's baresip", () -> answers(erin, "sip:dave@") == 2
                            && free(server, "701"), () -> erin.output() + server.output());
                    assertEquals(CallState.CONNECTED, toErin.state(), "dave's call went on all along");
                    toErin.hangup();
                    PhoneChecks.await("no call left", () -> PhoneChecks.noCalls(server, ADMIN), server::output);
                }
            }
            assertTrue(PhoneChecks.musicHeard(aliceHeard), "alice heard the hold music on 701");
            PhoneChecks.assertHears("alice (carol's)", aliceHeard, CAROL_HZ, ALICE_HZ);
            PhoneChecks.assertHears("carol (alice's)", carolHeard, ALICE_HZ, CAROL_HZ);
            assertTrue(PhoneChecks.musicHeard(daveHeard), "dave heard the hold music");

            JsonNode alices = PhoneChecks.latest(server, ADMIN, "caller:alice AND callee:700", 1);
            assertEquals("701", alices.path("tags").path("parked").asText(), alices.toString());
            assertEquals("bob", alices.path("tags").path("parkedBy").asText(), alices.toString());
            assertEquals("retrieved", alices.path("tags").path("parkOutcome").asText(), alices.toString());
            assertEquals("carol", alices.path("tags").path("parkRetrievedBy").asText(), alices.toString());
            JsonNode davesRecord = PhoneChecks.latest(server, ADMIN, "caller:dave AND callee:bob", 1);
            assertEquals("bob", davesRecord.path("tags").path("transferredBy").asText(), davesRecord.toString());
            assertEquals("returned", davesRecord.path("tags").path("parkOutcome").asText(), davesRecord.toString());
            JsonNode toErin = PhoneChecks.latest(server, ADMIN, "caller:dave AND callee:erin", 1);
            assertEquals("erin", toErin.path("tags").path("parkedBy").asText(), toErin.toString());
        }
    }

    /** @return how many calls from that address the phone answered */
    private static int answers(Baresip phone, String from) {
        try {
            return phone.output().split("answering call on line \\d+ from " + Pattern.quote(from), -1).length - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PhoneCall connected(Phone phone) {
        return phone.calls().stream().filter(c -> c.state() == CallState.CONNECTED).findFirst().orElseThrow();
    }

    private static boolean parked(ServerProcess server, String slot, String caller, String by) {
        for (JsonNode p : lot(server).path("parked")) {
            if (p.path("slot").asText().equals(slot) && p.path("caller").asText().equals(caller)
                    && p.path("parkedBy").asText().equals(by) && p.path("state").asText().equals("PARKED")) {
                return true;
            }
        }
        return false;
    }

    private static boolean free(ServerProcess server, String slot) {
        for (JsonNode p : lot(server).path("parked")) {
            if (p.path("slot").asText().equals(slot) && p.path("state").asText().equals("PARKED")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode lot(ServerProcess server) {
        try {
            return server.getJson("/parking", ADMIN);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
