package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Video in a conference with real phones: three baresip phones with their fake cameras and VP8 in
 * one room, each playing a tone. Who talks is set by muting the others through the API: the room
 * shows the talker's video to the other two (the bridge sends them packets, their phones decode
 * frames), asks each new talker for a keyframe at each change, and the roster says whose video is
 * shown.
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class ConferenceVideoIT {

    private static final String[] ADMIN = { "admin", "conference-video-it-secret" };
    private static final List<String> USERS = List.of("alice", "bob", "carol");

    @TempDir
    Path base;

    @Test
    void everyoneSeesTheTalkersVideo() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22", "carol",
                    "carol-password-3");
            assertEquals(201, server.put("/conference/rooms/7005", "{\"name\":\"Video\",\"tones\":false}", ADMIN)
                    .statusCode());
            try (Baresip alice = phone(server, "alice", "alice-password-1", 440);
                    Baresip bob = phone(server, "bob", "bob-password-22", 660);
                    Baresip carol = phone(server, "carol", "carol-password-3", 1000)) {
                for (String user : USERS) {
                    PhoneChecks.await(user + " registered", () -> PhoneChecks.registered(server, user, ADMIN),
                            () -> alice.output() + bob.output() + carol.output());
                }
                for (Baresip p : List.of(alice, bob, carol)) {
                    p.command("dial", "sip:7005@127.0.0.1:" + server.sipPort);
                }
                PhoneChecks.await("three in the room with video", () -> withVideo(server) == 3,
                        () -> roster(server) + server.output() + alice.output());

                // alice talks (the others muted): bob and carol get her video
                mute(server, "bob", true);
                mute(server, "carol", true);
                PhoneChecks.await("alice's video shown", () -> shown(server).equals("alice"), () -> roster(server)
                        .toString());
                long bobBefore = video(server, "bob").path("packetsOut").asLong();
                long carolBefore = video(server, "carol").path("packetsOut").asLong();
                PhoneChecks.await("bob and carol get alice's video", () -> video(server, "bob").path("packetsOut")
                        .asLong() > bobBefore + 50 && video(server, "carol").path("packetsOut").asLong() > carolBefore
                                + 50, () -> roster(server).toString());
                assertTrue(video(server, "alice").path("keyframeRequests").asInt() >= 1, roster(server).toString());

                // bob talks, alice is muted: the picture follows him, and he is asked for a keyframe
                int bobAsked = video(server, "bob").path("keyframeRequests").asInt();
                mute(server, "alice", true);
                mute(server, "bob", false);
                PhoneChecks.await("bob's video shown", () -> shown(server).equals("bob"), () -> roster(server)
                        .toString());
                assertTrue(video(server, "bob").path("keyframeRequests").asInt() > bobAsked, roster(server)
                        .toString());
                long aliceBefore = video(server, "alice").path("packetsOut").asLong();
                long bobSent = video(server, "bob").path("packetsOut").asLong();
                PhoneChecks.await("alice gets bob's video", () -> video(server, "alice").path("packetsOut")
                        .asLong() > aliceBefore + 50, () -> roster(server).toString());
                assertTrue(video(server, "bob").path("packetsOut").asLong() - bobSent < 10,
                        "the talker is not sent its own video: " + roster(server));
                for (Baresip p : List.of(alice, bob, carol)) {
                    PhoneChecks.await("each phone decodes the picture it is sent", () -> decodes(p), p::output);
                }
                for (Baresip p : List.of(alice, bob, carol)) {
                    p.command("hangup", "");
                }
                PhoneChecks.await("the room empty", () -> roster(server).isEmpty());
            }
        }
    }

    private Baresip phone(ServerProcess server, String user, String password, int hz) throws Exception {
        return new Baresip(base.resolve(user), "<sip:" + user + "@127.0.0.1:" + server.sipPort + ">;auth_pass="
                + password, Tones.write(base.resolve(user + ".wav"), hz, 60), VideoRelayIT.VIDEO);
    }

    private static boolean decodes(Baresip phone) {
        try {
            return phone.output().contains("video: receiving with resolution 320 x 240");
        } catch (IOException e) {
            return false;
        }
    }

    private static void mute(ServerProcess server, String user, boolean muted) throws Exception {
        for (JsonNode p : roster(server)) {
            if (p.path("caller").asText().equals(user)) {
                assertEquals(204, server.put("/conference/participants/" + p.path("callId").asText(),
                        "{\"muted\":" + muted + "}", ADMIN).statusCode());
            }
        }
    }

    private static JsonNode roster(ServerProcess server) {
        try {
            return server.getJson("/conference/rooms/7005/participants", ADMIN);
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }

    private static int withVideo(ServerProcess server) {
        int n = 0;
        for (JsonNode p : roster(server)) {
            n += p.path("video").isObject() && !p.path("joined").isNull() ? 1 : 0;
        }
        return n;
    }

    private static JsonNode video(ServerProcess server, String user) {
        for (JsonNode p : roster(server)) {
            if (p.path("caller").asText().equals(user)) {
                return p.path("video");
            }
        }
        return ServerProcess.JSON.createObjectNode();
    }

    /** @return whose video the room shows, or "" */
    private static String shown(ServerProcess server) {
        for (JsonNode p : roster(server)) {
            if (p.path("video").path("shown").asBoolean()) {
                return p.path("caller").asText();
            }
        }
        return "";
    }
}
