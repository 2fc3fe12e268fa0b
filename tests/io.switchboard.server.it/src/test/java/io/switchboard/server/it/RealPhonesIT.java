package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Real phones on the switch's default settings, with bob's calls through the media relay (a
 * per-user override): baresip (alice) and linphonec (bob) register, call each other in both
 * directions through the switch and the relay and hear each other; the records carry the quality
 * the relay measured. Each plays its own
 * tone (alice 440 Hz, bob 1000 Hz) and each recording of the other end must hold the other's tone.
 */
class RealPhonesIT {

    private static final String[] ADMIN = { "admin", "real-phones-it-secret" };
    private static final int ALICE_HZ = 440;
    private static final int BOB_HZ = 1000;

    @TempDir
    Path base;

    @Test
    void baresipAndLinphonecCallEachOtherAndHearEachOther() throws Exception {
        Path aliceTone = Tones.write(base.resolve("alice-440.wav"), ALICE_HZ, 30);
        Path bobTone = Tones.write(base.resolve("bob-1000.wav"), BOB_HZ, 30);
        ServerProcess.sipSettings(base, "mediaOverrides", "user:bob=always");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            assertEquals(201, server.put("/sip/users/alice", "{\"password\":\"alice-password-1\"}", ADMIN)
                    .statusCode());
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"bob-password-22\"}", ADMIN).statusCode());
            try (Baresip alice = new Baresip(base.resolve("baresip"), server.sipPort, "alice", "alice-password-1",
                    aliceTone); Linphonec bob = new Linphonec(base.resolve("linphonec"))) {
                bob.type("register sip:bob@127.0.0.1:" + server.sipPort + " sip:127.0.0.1:" + server.sipPort
                        + " bob-password-22");
                awaitRegistered(server, "alice", alice.output());
                awaitRegistered(server, "bob", bob.output());
                bob.type("play " + bobTone);

                // alice calls bob
                Path bobHeard = base.resolve("bob-heard-1.wav");
                bob.type("record " + bobHeard);
                alice.command("dial", "sip:bob@127.0.0.1:" + server.sipPort);
                awaitAnswered(server, "alice", alice.output() + bob.output());
                Thread.sleep(4000);
                JsonNode media = server.getJson("/media/sessions", ADMIN);
                assertEquals(1, media.size(), "the call's media goes through the relay: " + media);
                assertTrue(media.get(0).path("quality").path("A").path("packets").asLong() > 50, media.toString());
                assertTrue(media.get(0).path("quality").path("B").path("packets").asLong() > 50, media.toString());
                alice.command("hangup", "");
                awaitNoCalls(server);
                assertHears("bob", bobHeard, BOB_HZ, ALICE_HZ);
                assertHears("alice", alice.lastHeard(), ALICE_HZ, BOB_HZ);

                // bob calls alice
                Path aliceBefore = alice.lastHeard();
                Path bobHeard2 = base.resolve("bob-heard-2.wav");
                bob.type("record " + bobHeard2);
                bob.type("call sip:alice@127.0.0.1:" + server.sipPort);
                awaitAnswered(server, "bob", alice.output() + bob.output());
                Thread.sleep(4000);
                bob.type("terminate");
                awaitNoCalls(server);
                Path aliceHeard2 = alice.lastHeard();
                assertTrue(!aliceHeard2.equals(aliceBefore), "baresip recorded the second call");
                assertHears("bob", bobHeard2, BOB_HZ, ALICE_HZ);
                assertHears("alice", aliceHeard2, ALICE_HZ, BOB_HZ);
            }
            JsonNode records = PhoneChecks.records(server, ADMIN, "disposition:answered", 2);
            for (JsonNode record : records.path("records")) {
                assertEquals("relay", record.path("tags").path("media").asText(), record.toString());
                for (String side : new String[] { "qualityA", "qualityB" }) {
                    JsonNode q = record.path(side);
                    assertTrue(q.path("mos").asDouble() > 3.5, side + " measured by the relay: " + record);
                    assertTrue(q.path("lossPercent").asDouble() < 1, side + ": no loss on loopback: " + record);
                }
            }
        }
    }

    /** The recording holds the other end's tone, far above its own (which a phone must not hear back). */
    private static void assertHears(String who, Path recording, int ownHz, int otherHz) throws Exception {
        assertNotNull(recording, who + " recorded nothing");
        double other = Tones.power(recording, otherHz);
        double own = Tones.power(recording, ownHz);
        assertTrue(other > 1e9 && other > 100 * own, who + " hears the other end's " + otherHz + " Hz in " + recording
                + ": power " + other + " against " + own + " at its own " + ownHz + " Hz");
    }

    private static void awaitRegistered(ServerProcess server, String user, String log) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (server.getJson("/sip/registrations?user=" + user, ADMIN).size() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(user + " did not register with the default settings:\n" + log + "\n"
                + server.output());
    }

    private static void awaitAnswered(ServerProcess server, String caller, String log) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode calls = server.getJson("/sip/calls", ADMIN);
            if (calls.size() == 1 && calls.get(0).path("state").asText().equals("answered")
                    && calls.get(0).path("caller").asText().equals(caller)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answered call from " + caller + ": " + server.getJson("/sip/calls", ADMIN)
                + "\n" + log);
    }

    private static void awaitNoCalls(ServerProcess server) throws Exception {
        for (int i = 0; i < 100 && server.getJson("/sip/calls", ADMIN).size() > 0; i++) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // the recorders close their files
    }
}
