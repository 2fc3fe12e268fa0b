package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Tag;
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
 * The conference bridge with real phones: two baresip phones and the phone engine in one room, each
 * playing a tone of its own; each hears the two others and not itself (Goertzel on its recording),
 * and the room's recording holds all three.
 * A participant added by blind transfer (REFER) from a call. A room with PINs: a wrong PIN, the right
 * one, the moderator's; mute, remove and lock through the API; the roster's subscriber (RFC 4575)
 * sees each change; one call record per participant naming the room and its conference. The room
 * invites someone by calling them out; each conference's summary (participants, peak).
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class ConferenceIT {

    private static final String[] ADMIN = { "admin", "conference-it-secret" };
    private static final int ALICE_HZ = 440;
    private static final int BOB_HZ = 660;
    private static final int CAROL_HZ = 1000;

    @TempDir
    Path base;

    @Test
    void threePhonesHearEachOtherButNotThemselves() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22", "carol",
                    "carol-password-3", "dave", "dave-password-4");
            assertEquals(201, server.put("/conference/rooms/7001", "{\"name\":\"Standup\",\"tones\":false,\"record\":true}",
                    ADMIN)
                    .statusCode());
            var refused = server.put("/conference/rooms/alice", "{}", ADMIN);
            assertEquals(400, refused.statusCode(), "a user's name is not a room's");
            assertTrue(refused.body().contains("user"), refused.body());
            var badPin = server.put("/conference/rooms/7002", "{\"pin\":\"12\"}", ADMIN);
            assertEquals(400, badPin.statusCode());
            assertTrue(badPin.body().contains("pin"), badPin.body());

            Path carolHeard = base.resolve("carol-heard.wav");
            try (Baresip alice = new Baresip(base.resolve("alice"), server.sipPort, "alice", "alice-password-1",
                    Tones.write(base.resolve("alice.wav"), ALICE_HZ, 30));
                    Baresip bob = new Baresip(base.resolve("bob"), server.sipPort, "bob", "bob-password-22",
                            Tones.write(base.resolve("bob.wav"), BOB_HZ, 30));
                    Phone carol = engine.open(PhoneChecks.account(server, "carol", "carol-password-3"),
                            new PhoneListener() {
                            });
                    Phone dave = engine.open(PhoneChecks.account(server, "dave", "dave-password-4"),
                            new PhoneListener() {
                                @Override
                                public void incoming(PhoneCall call) {
                                    call.answer(engine.tone(BOB_HZ), null);
                                }
                            })) {
                for (String user : new String[] { "alice", "bob", "carol" }) {
                    PhoneChecks.await(user + " registered", () -> PhoneChecks.registered(server, user, ADMIN),
                            () -> alice.output() + bob.output());
                }
                alice.command("dial", "sip:7001@127.0.0.1:" + server.sipPort);
                bob.command("dial", "sip:7001@127.0.0.1:" + server.sipPort);
                PhoneCall inRoom = carol.dial("7001", engine.tone(CAROL_HZ), engine.record(carolHeard));
                PhoneChecks.await("three in room 7001", () -> participants(server, "7001").size() == 3,
                        () -> server.output() + alice.output());
                Thread.sleep(5_000);
                JsonNode in = participants(server, "7001");
                for (JsonNode p : in) {
                    assertTrue(p.path("talking").asBoolean(), "each one's tone counts as talking: " + in);
                }
                assertEquals(3, server.getJson("/conference/rooms/7001", ADMIN).path("participants").size(),
                        "the room shows its roster");
                alice.command("hangup", "");
                bob.command("hangup", "");
                inRoom.hangup();
                PhoneChecks.await("the room empty", () -> participants(server, "7001").isEmpty(), server::output);
                PhoneChecks.assertHears("alice", alice.lastHeard(), BOB_HZ, ALICE_HZ);
                PhoneChecks.assertHears("alice", alice.lastHeard(), CAROL_HZ, ALICE_HZ);
                PhoneChecks.assertHears("bob", bob.lastHeard(), ALICE_HZ, BOB_HZ);
                PhoneChecks.assertHears("bob", bob.lastHeard(), CAROL_HZ, BOB_HZ);
                PhoneChecks.assertHears("carol", carolHeard, ALICE_HZ, CAROL_HZ);
                PhoneChecks.assertHears("carol", carolHeard, BOB_HZ, CAROL_HZ);
                Path recorded;
                try (var files = Files.list(base.resolve("data/conference/7001"))) {
                    recorded = files.sorted().findFirst().orElseThrow();
                }
                for (int hz : new int[] { ALICE_HZ, BOB_HZ, CAROL_HZ }) {
                    assertTrue(Tones.power(recorded, hz) > 1e9, "the room's recording holds everyone: " + hz + " Hz in "
                            + recorded);
                }

                // carol, in a call with dave, transfers him into the room (REFER): his phone calls 7001
                PhoneChecks.await("dave registered", dave::registered);
                PhoneCall toDave = carol.dial("dave", engine.tone(CAROL_HZ), null);
                PhoneChecks.await("dave answers carol", () -> toDave.state() == CallState.CONNECTED, server::output);
                toDave.transfer("7001");
                PhoneChecks.await("dave in the room by transfer", () -> participants(server, "7001").size() == 1
                        && participants(server, "7001").get(0).path("caller").asText().equals("dave"), server::output);
                PhoneChecks.await("carol's call with dave ended", () -> toDave.state() == CallState.ENDED);
                dave.calls().forEach(PhoneCall::hangup);
                PhoneChecks.await("the room empty again", () -> participants(server, "7001").isEmpty(), server::output);

                // carol calls in again and the room calls dave out: he answers and is in, without a PIN
                Path carolHeardDave = base.resolve("carol-heard-dave.wav");
                PhoneCall again = carol.dial("7001", engine.tone(CAROL_HZ), engine.record(carolHeardDave));
                PhoneChecks.await("carol in again", () -> participants(server, "7001").size() == 1, server::output);
                assertEquals(404, server.post("/conference/rooms/7009/invite", "{\"target\":\"dave\"}".getBytes(StandardCharsets.UTF_8), ADMIN)
                        .statusCode(), "no such room");
                assertEquals(400, server.post("/conference/rooms/7001/invite", "{}".getBytes(StandardCharsets.UTF_8), ADMIN).statusCode(),
                        "an invitation names whom");
                var invited = server.post("/conference/rooms/7001/invite", "{\"target\":\"dave\"}".getBytes(StandardCharsets.UTF_8), ADMIN);
                assertEquals(202, invited.statusCode(), invited.body());
                String inviteCall = ServerProcess.JSON.readTree(invited.body()).path("callId").asText();
                PhoneChecks.await("dave in by invitation", () -> participants(server, "7001").size() == 2
                        && !participants(server, "7001").get(1).path("joined").isNull(), server::output);
                assertEquals(inviteCall, participants(server, "7001").get(1).path("callId").asText());
                PhoneCall daveInvited = dave.history().get(0);
                assertEquals("Standup", daveInvited.remoteName(), "the room calls by its name");
                Thread.sleep(3_000);
                again.hangup();
                PhoneChecks.await("dave alone in the room", () -> participants(server, "7001").size() == 1);
                assertEquals(204, server.delete("/conference/participants/" + inviteCall, ADMIN).statusCode());
                PhoneChecks.await("dave's invited call ended", () -> daveInvited.state() == CallState.ENDED,
                        server::output);
                PhoneChecks.await("the room empty at last", () -> participants(server, "7001").isEmpty());
                PhoneChecks.assertHears("carol", carolHeardDave, BOB_HZ, CAROL_HZ);
            }
            PhoneChecks.await("three conferences ended", () -> {
                JsonNode s = json(server, "/conference/rooms/7001/sessions");
                return s.size() == 3 && !s.get(0).path("ended").isNull();
            }, () -> server.output());
            JsonNode sessions = server.getJson("/conference/rooms/7001/sessions", ADMIN);
            assertEquals(List.of(2, 1, 3), List.of(sessions.get(0).path("participants").asInt(),
                    sessions.get(1).path("participants").asInt(), sessions.get(2).path("participants").asInt()),
                    "the newest first: carol and dave invited; dave by transfer; the three phones: " + sessions);
            assertEquals(List.of(2, 1, 3), List.of(sessions.get(0).path("peak").asInt(),
                    sessions.get(1).path("peak").asInt(), sessions.get(2).path("peak").asInt()), sessions.toString());
            for (JsonNode c : sessions) {
                assertTrue(c.path("started").asText().compareTo(c.path("ended").asText()) < 0, c.toString());
            }
            assertEquals(400, server.get("/conference/rooms/7001/sessions?limit=0", ADMIN).statusCode());
            assertEquals(1, server.getJson("/conference/rooms/7001/sessions?limit=1", ADMIN).size());

            PhoneChecks.await("five records of calls to the room", () -> records(server, "7001").size() == 5,
                    () -> records(server, "7001").toString());
            Set<String> named = new HashSet<>();
            for (JsonNode r : records(server, "7001")) {
                named.add(r.path("tags").path("conference").asText());
                if (!r.path("tags").path("room").asText().equals("7001")) {
                    Assertions.fail("each record names its room: " + r + "\n" + server.output());
                }
            }
            JsonNode out = server.getJson("/cdr/records?q=" + URLEncoder.encode("caller:switchboard-conference",
                    StandardCharsets.UTF_8), ADMIN).path("records");
            assertEquals(1, out.size(), "the room's call out has its record: " + out);
            assertEquals("dave", out.get(0).path("callee").asText());
            assertEquals(sessions.get(0).path("id").asText(), out.get(0).path("tags").path("conference").asText(),
                    "the call out names its conference: " + out);
            named.add(out.get(0).path("tags").path("conference").asText());
            assertEquals(Set.of(sessions.get(0).path("id").asText(), sessions.get(1).path("id").asText(),
                    sessions.get(2).path("id").asText()), named, "every record names its conference");
            String first = sessions.get(0).path("id").asText();
            long ofFirst = 1; // the room's call out, and each call in to its first conference
            for (JsonNode r : records(server, "7001")) {
                ofFirst += first.equals(r.path("tags").path("conference").asText()) ? 1 : 0;
            }
            JsonNode byTag = server.getJson("/cdr/records?q=" + URLEncoder.encode("conference:" + first,
                    StandardCharsets.UTF_8), ADMIN);
            assertEquals(ofFirst, byTag.path("total").asLong(), "the tag searched by its own name: " + byTag);
            for (JsonNode r : records(server, "7001")) {
                assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
                assertEquals("target:7001", r.path("tags").path("target").asText(), r.toString());
                var ladder = server.awaitLadder(r.path("id").asText(), ADMIN);
                assertEquals(200, ladder.statusCode(), ladder.body());
                assertTrue(ladder.body().matches("(?s).*SIP/2\\.0 200 OK.*Contact: <[^>]*>;isfocus.*"),
                        "the room answers as a conference focus (RFC 4579): " + ladder.body());
            }
        }
    }

    @Test
    void pinsModeratorMuteRemoveAndLock() throws Exception {
        // erin's console watches the PIN room's roster without being in it: the admin allows it
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.conference.cfg"), "rosterWatchers = erin\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "carol", "carol-password-3", "dave", "dave-password-4", "erin",
                    "erin-password-5");
            assertEquals(201, server.put("/conference/rooms/7002", "{\"name\":\"Board\",\"pin\":\"2468\","
                    + "\"moderatorPin\":\"97531\",\"waitForModerator\":true}", ADMIN).statusCode());
            JsonNode room = server.getJson("/conference/rooms/7002", ADMIN);
            assertTrue(room.path("pinSet").asBoolean() && !room.has("pin"), "PINs are set, never shown: " + room);
            Path sipp = Files.createDirectories(base.resolve("sipp"));
            Sipp roster = Sipp.start(sipp, "sipp-subscribe-conference.xml", server.sipPort, ServerProcess.freePort(),
                    "u1", "-s", "7002", "-au", "erin", "-ap", "erin-password-5", "-key", "subscriber", "erin", "-m", "1");
            PhoneChecks.await("the roster watched", () -> notifies(roster) == 1, roster::report);
            try (Phone carol = engine.open(PhoneChecks.account(server, "carol", "carol-password-3"), new PhoneListener() {
            }); Phone dave = engine.open(PhoneChecks.account(server, "dave", "dave-password-4"), new PhoneListener() {
            }); Phone erin = engine.open(PhoneChecks.account(server, "erin", "erin-password-5"), new PhoneListener() {
            })) {
                PhoneChecks.await("phones registered", () -> carol.registered() && dave.registered() && erin.registered());
                PhoneCall c = carol.dial("7002", engine.tone(CAROL_HZ), null);
                PhoneChecks.await("the bridge answers carol", () -> c.state() == CallState.CONNECTED, server::output);
                Thread.sleep(1_000);
                c.sendDtmf("1111#");
                Thread.sleep(1_500);
                assertEquals(1, participants(server, "7002").size());
                assertTrue(participants(server, "7002").get(0).path("joined").isNull(), "a wrong PIN: not in yet");
                c.sendDtmf("2468#");
                PhoneChecks.await("carol in", () -> !participants(server, "7002").get(0).path("joined").isNull());
                PhoneChecks.await("the roster says so", () -> notifies(roster) == 2, roster::report);
                PhoneCall d = dave.dial("7002", engine.tone(BOB_HZ), null);
                PhoneChecks.await("the bridge answers dave", () -> d.state() == CallState.CONNECTED, server::output);
                Thread.sleep(1_000);
                d.sendDtmf("97531#");
                PhoneChecks.await("dave in as moderator", () -> {
                    for (JsonNode p : participants(server, "7002")) {
                        if (p.path("caller").asText().equals("dave") && p.path("moderator").asBoolean()) {
                            return true;
                        }
                    }
                    return false;
                });
                PhoneChecks.await("the roster says so", () -> notifies(roster) == 3, roster::report);
                String carolCall = participants(server, "7002").get(0).path("callId").asText();
                assertEquals(204, server.put("/conference/participants/" + carolCall, "{\"muted\":true}", ADMIN)
                        .statusCode());
                assertTrue(participants(server, "7002").get(0).path("muted").asBoolean());
                PhoneChecks.await("the roster says so", () -> notifies(roster) == 4, roster::report);
                assertEquals(404, server.put("/conference/participants/nobody", "{\"muted\":true}", ADMIN)
                        .statusCode());
                assertEquals(204, server.delete("/conference/participants/" + carolCall, ADMIN).statusCode());
                PhoneChecks.await("carol removed: her call ends", () -> c.state() == CallState.ENDED, server::output);
                PhoneChecks.await("the roster says so", () -> notifies(roster) == 5, roster::report);
                assertEquals(200, server.put("/conference/rooms/7002", "{\"locked\":true}", ADMIN).statusCode());
                PhoneCall e = erin.dial("7002", engine.tone(ALICE_HZ), null);
                PhoneChecks.await("erin refused by the lock", () -> e.state() == CallState.ENDED, server::output);
                assertEquals(403, e.failureCode());
                d.hangup();
                PhoneChecks.await("the room empty", () -> participants(server, "7002").isEmpty(), server::output);
            }
            assertEquals(0, roster.await(30), roster.report());
            String trace = roster.messages();
            assertEquals(List.of("0", "1", "2", "2", "1", "0", "0"), matches(trace, "<user-count>(\\d+)</user-count>"),
                    "the roster at each change: " + trace);
            assertEquals(List.of("participant", "participant", "moderator", "participant", "moderator", "moderator"),
                    matches(trace, "<entry>(\\w+)</entry>"), trace);
            assertEquals(List.of("sendrecv", "sendrecv", "sendrecv", "recvonly", "sendrecv", "sendrecv"),
                    matches(trace, "<status>(sendrecv|recvonly)</status>"), "carol shown muted: " + trace);
        }
    }

    private static int notifies(Sipp watcher) {
        try {
            return matches(watcher.messages(), "(<conference-info)").size();
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<String> matches(String trace, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(trace);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static JsonNode participants(ServerProcess server, String room) {
        return json(server, "/conference/rooms/" + room + "/participants");
    }

    private static JsonNode json(ServerProcess server, String path) {
        try {
            return server.getJson(path, ADMIN);
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }

    private static JsonNode records(ServerProcess server, String room) {
        try {
            return server.getJson("/cdr/records?q=" + URLEncoder.encode("callee:" + room, StandardCharsets.UTF_8),
                    ADMIN).path("records");
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }
}
