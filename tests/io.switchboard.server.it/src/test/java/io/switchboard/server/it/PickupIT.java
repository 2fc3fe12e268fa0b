package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Directed call pickup with real phones: bob's phone (SIPp) rings and never answers; carol's
 * linphonec dials {@code **bob} and takes the call. Bob's phone must get CANCEL with "Call completed
 * elsewhere"; the caller and carol hear each other's tones; the call leaves one record, answered,
 * that names carol, and the busy lamps show bob's phone stop ringing and carol in the call. Once through the media relay (alice's calls are anchored), once phone to phone
 * (dave's). With nothing ringing for bob, the pickup gets 480.
 */
class PickupIT {

    private static final String[] ADMIN = { "admin", "pickup-it-secret" };
    private static final int ALICE_HZ = 440;
    private static final int DAVE_HZ = 660;
    private static final int CAROL_HZ = 1000;

    @TempDir
    Path base;

    @Test
    void carolPicksUpBobsRingingCallsAndTalksToTheCallers() throws Exception {
        ServerProcess.sipSettings(base, "mediaOverrides", "user:alice=always,user:dave=never");
        // dave's lamp field watches bob and carol, who share no group with him: the admin allows it
        Files.writeString(base.resolve("etc/io.switchboard.presence.cfg"),
                "allow = dave:bob, dave:carol\nshowParties = dave:bob, dave:carol\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22", "carol",
                    "carol-password-3", "dave", "dave-password-4");
            Path sipp = Files.createDirectories(base.resolve("sipp"));
            int bobPort = ServerProcess.freePort();
            Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, bobPort, "u1", "-s", "bob", "-au", "bob",
                    "-ap", "bob-password-22", "-key", "expires", "3600", "-m", "1");
            assertEquals(0, reg.await(60), reg.report());
            Sipp bob = Sipp.start(sipp, "sipp-ring-picked-up.xml", server.sipPort, bobPort, "u1", "-m", "2");

            Path carolTone = Tones.write(base.resolve("carol.wav"), CAROL_HZ, 60);
            try (Baresip alice = new Baresip(base.resolve("alice"), server.sipPort, "alice", "alice-password-1",
                    Tones.write(base.resolve("alice.wav"), ALICE_HZ, 30));
                    Baresip dave = new Baresip(base.resolve("dave"), server.sipPort, "dave", "dave-password-4",
                            Tones.write(base.resolve("dave.wav"), DAVE_HZ, 30));
                    Linphonec carol = new Linphonec(base.resolve("carol"))) {
                carol.type("register sip:carol@127.0.0.1:" + server.sipPort + " sip:127.0.0.1:" + server.sipPort
                        + " carol-password-3");
                for (String user : new String[] { "alice", "dave", "carol" }) {
                    PhoneChecks.await(user + " registered", () -> PhoneChecks.registered(server, user, ADMIN),
                            () -> alice.output() + dave.output() + carol.output());
                }
                carol.type("play " + carolTone);

                // busy lamps of bob and carol, watched by dave's phone
                Sipp bobLamp = lamp(sipp, server, "bob");
                Sipp carolLamp = lamp(sipp, server, "carol");
                PhoneChecks.awaitFirstNotify(bobLamp, carolLamp);
                Path carolHeard = base.resolve("carol-heard-1.wav");
                pickUp(server, alice, "alice", carol, carolHeard);
                JsonNode media = server.getJson("/media/sessions", ADMIN);
                assertEquals(1, media.size(), "alice's call is anchored: " + media);
                alice.command("hangup", "");
                awaitNoCalls(server);
                PhoneChecks.assertHears("carol", carolHeard, ALICE_HZ, CAROL_HZ);
                PhoneChecks.assertHears("alice", alice.lastHeard(), CAROL_HZ, ALICE_HZ);
                assertEquals(0, bobLamp.await(30), bobLamp.report());
                assertEquals(0, carolLamp.await(30), carolLamp.report());
                assertEquals(List.of("early", "terminated"), BusyLampIT.states(bobLamp.report()),
                        "bob's lamp goes dark at the pickup: " + bobLamp.report());
                assertEquals(List.of("confirmed", "terminated"), BusyLampIT.states(carolLamp.report()),
                        "carol's lamp shows the call she took: " + carolLamp.report());

                Path carolHeard2 = base.resolve("carol-heard-2.wav");
                pickUp(server, dave, "dave", carol, carolHeard2);
                assertEquals(0, server.getJson("/media/sessions", ADMIN).size(), "dave's call goes phone to phone");
                carol.type("terminate");
                awaitNoCalls(server);
                PhoneChecks.assertHears("carol", carolHeard2, DAVE_HZ, CAROL_HZ, ALICE_HZ);
                PhoneChecks.assertHears("dave", dave.lastHeard(), CAROL_HZ, DAVE_HZ);
            }
            assertEquals(0, bob.await(30), "bob's phone was cancelled with Reason cause 200\n" + bob.report());

            // nothing rings for bob now: the pickup finds no call
            Sipp nothing = Sipp.start(sipp, "sipp-call-480.xml", server.sipPort, ServerProcess.freePort(), "u1",
                    "-s", "**bob", "-au", "carol", "-ap", "carol-password-3", "-key", "caller", "carol", "-m", "1");
            assertEquals(0, nothing.await(30), nothing.report());

            JsonNode records = PhoneChecks.records(server, ADMIN, "callee:bob", 2); // one per call, none missed
            for (JsonNode r : records.path("records")) {
                assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
                assertEquals("carol", r.path("tags").path("pickedUpBy").asText(), r.toString());
                assertEquals(2, r.path("callIds").size(), "the caller's and carol's Call-IDs: " + r);
                assertEquals(r.path("caller").asText().equals("alice") ? "relay" : "",
                        r.path("tags").path("media").asText(), "alice's call through the relay, dave's not: " + r);
                assertTrue(r.path("caller").asText().equals("alice") == r.path("qualityB").path("mos").asDouble() > 4,
                        "the relay measured carol's side of alice's call: " + r);
            }
        }
    }

    /** The caller's phone calls bob; once bob's phone rings, carol dials **bob and the call is hers. */
    private static void pickUp(ServerProcess server, Baresip caller, String name, Linphonec carol, Path heard)
            throws Exception {
        caller.command("dial", "sip:bob@127.0.0.1:" + server.sipPort);
        PhoneChecks.await("bob's phone rings for " + name, () -> state(server, name).equals("early"),
                () -> server.getJson("/sip/calls", ADMIN) + caller.output());
        carol.type("record " + heard);
        carol.type("call sip:**bob@127.0.0.1:" + server.sipPort);
        PhoneChecks.await("carol has " + name + "'s call", () -> state(server, name).equals("answered"),
                () -> server.getJson("/sip/calls", ADMIN) + carol.output() + server.output());
        Thread.sleep(4000);
    }

    private static Sipp lamp(Path sipp, ServerProcess server, String watched) throws Exception {
        return Sipp.start(sipp, "sipp-subscribe-dialog-3.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                watched, "-au", "dave", "-ap", "dave-password-4", "-key", "subscriber", "dave", "-m", "1");
    }

    private static String state(ServerProcess server, String caller) {
        try {
            for (JsonNode call : server.getJson("/sip/calls", ADMIN)) {
                if (call.path("caller").asText().equals(caller)) {
                    return call.path("state").asText();
                }
            }
            return "";
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void awaitNoCalls(ServerProcess server) throws Exception {
        PhoneChecks.await("no calls", () -> PhoneChecks.noCalls(server, ADMIN));
        Thread.sleep(500); // the recorders close their files
    }
}
