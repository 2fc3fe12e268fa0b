package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * Video calls through the media relay with real phones: baresip with its fake camera and VP8.
 * Alice's calls are anchored; her video call to bob keeps its video, each direction on the relay's
 * own video ports, counted by the relay, and the record says the call carried audio and video.
 * Carol's calls may not carry video (setting stripVideo): her call to bob reaches him with the
 * video declined and stays audio only.
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class VideoRelayIT {

    private static final String[] ADMIN = { "admin", "video-relay-it-secret" };
    /** Baresip's fake camera and display with VP8. */
    static final List<String> VIDEO = List.of("module vp8.so", "module fakevideo.so",
            "video_source fakevideo,nil", "video_display fakevideo,nil", "video_size 320x240", "video_fps 15");

    @TempDir
    Path base;

    @Test
    void videoGoesThroughTheRelayBothWaysUnlessItIsStripped() throws Exception {
        ServerProcess.sipSettings(base, "mediaOverrides", "user:alice=always,user:carol=always", "stripVideo",
                "user:carol");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "bob", "bob-password-22", "carol",
                    "carol-password-3");
            Path tone = Tones.write(base.resolve("tone.wav"), 440, 30);
            try (Baresip alice = phone(server, "alice", "alice-password-1", tone);
                    Baresip bob = phone(server, "bob", "bob-password-22", tone);
                    Baresip carol = phone(server, "carol", "carol-password-3", tone)) {
                for (String user : List.of("alice", "bob", "carol")) {
                    PhoneChecks.await(user + " registered", () -> PhoneChecks.registered(server, user, ADMIN),
                            () -> alice.output() + bob.output() + carol.output());
                }
                alice.command("dial", "sip:bob@127.0.0.1:" + server.sipPort);
                PhoneChecks.await("video both ways through the relay", () -> videoPackets(server) > 50,
                        () -> server.getJson("/media/sessions", ADMIN) + alice.output() + bob.output());
                JsonNode session = server.getJson("/media/sessions", ADMIN).get(0);
                assertEquals("[\"audio\",\"video\"]", session.path("streams").toString(), session.toString());
                alice.command("hangup", "");
                PhoneChecks.await("no calls", () -> PhoneChecks.noCalls(server, ADMIN));

                carol.command("dial", "sip:bob@127.0.0.1:" + server.sipPort);
                PhoneChecks.await("carol's call answered", () -> streams(server).size() > 0,
                        () -> server.getJson("/media/sessions", ADMIN) + carol.output());
                Thread.sleep(2000);
                JsonNode audioOnly = server.getJson("/media/sessions", ADMIN).get(0);
                assertEquals("[\"audio\"]", audioOnly.path("streams").toString(), audioOnly.toString());
                carol.command("hangup", "");
                PhoneChecks.await("no calls", () -> PhoneChecks.noCalls(server, ADMIN));
            }
            String query = "/cdr/records?q=" + URLEncoder.encode("callee:bob", StandardCharsets.UTF_8);
            PhoneChecks.await("both records", () -> total(server, query) == 2);
            JsonNode records = server.getJson(query, ADMIN);
            for (JsonNode r : records.path("records")) {
                boolean video = r.path("caller").asText().equals("alice");
                assertEquals(video ? "audio,video" : "", r.path("tags").path("streams").asText(), r.toString());
            }
        }
    }

    private Baresip phone(ServerProcess server, String user, String password, Path tone) throws Exception {
        return new Baresip(base.resolve(user), "<sip:" + user + "@127.0.0.1:" + server.sipPort + ">;auth_pass="
                + password, tone, VIDEO);
    }

    private static int total(ServerProcess server, String query) {
        try {
            return server.getJson(query, ADMIN).path("total").asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return the streams the one call's media session carries, none while there is no such session */
    private static JsonNode streams(ServerProcess server) {
        try {
            JsonNode sessions = server.getJson("/media/sessions", ADMIN);
            return sessions.size() == 1 ? sessions.get(0).path("streams") : ServerProcess.JSON.createArrayNode();
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }

    /** @return the fewer of the video packets the relay counted from each leg of the one call */
    private static long videoPackets(ServerProcess server) {
        try {
            JsonNode sessions = server.getJson("/media/sessions", ADMIN);
            if (sessions.size() != 1) {
                return 0;
            }
            JsonNode video = sessions.get(0).path("streamQuality").path(1);
            return Math.min(video.path("A").path("packets").asLong(), video.path("B").path("packets").asLong());
        } catch (Exception e) {
            return 0;
        }
    }
}
