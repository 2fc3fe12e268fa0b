package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.server.it.PhoneEngineIT.Events;
import io.switchboard.testing.Tones;

/**
 * A phone that holds a call through the relay (re-INVITE with sendonly) has the other party hear the
 * admin's hold music, not silence nor the holder's own sound; the resume gives back the conversation. The
 * server runs on its default setting, the music class {@code default}, whose piece the admin stored through
 * the API after the start. Then alice chooses a class of her own: carol, held by her again, hears that one. Last,
 * a ring group rings dave and carol at once and carol answers: held by carol, alice hears carol's class.
 */
class HoldMusicIT {

    private static final String[] ADMIN = { "admin", "hold-music-admin-1" };
    private static final int ALICE_HZ = 440;
    private static final int MUSIC_HZ = 1500;
    private static final int ALICE_MUSIC_HZ = 1800;

    @TempDir
    Path base;

    @Test
    void theHeldPartyHearsTheMusicAndTheConversationComesBack() throws Exception {
        Path music = Tones.write(base.resolve("music-1500.wav"), MUSIC_HZ, 5, 8000);
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "mediaUsers = always\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            HttpResponse<String> stored = server.putBytes("/music/default/hold", Files.readAllBytes(music),
                    "audio/wav", ADMIN);
            assertEquals(201, stored.statusCode(), stored.body());
            PhoneChecks.users(server, ADMIN, "alice", "alice-password-1", "carol", "carol-password-3", "dave",
                    "dave-password-4");
            Events carolEvents = new Events();
            Events daveEvents = new Events();
            Heard carolHears = new Heard("carol");
            try (Phone alice = engine.open(PhoneChecks.account(server, "alice", "alice-password-1"), new Events());
                    Phone carol = engine.open(PhoneChecks.account(server, "carol", "carol-password-3"), carolEvents);
                    Phone dave = engine.open(PhoneChecks.account(server, "dave", "dave-password-4"), daveEvents)) {
                PhoneChecks.await("all register", () -> alice.registered() && carol.registered()
                        && dave.registered());
                // the music is G.711: a phone on another codec would have to take a change of payload type
                alice.codecs(List.of("PCMU"));
                carol.codecs(List.of("PCMU"));
                PhoneCall out = alice.dial("carol", engine.tone(ALICE_HZ), null);
                PhoneCall in = carolEvents.incoming.poll(20, TimeUnit.SECONDS);
                assertNotNull(in, "carol hears of alice's call");
                in.answer(engine.tone(1000), carolHears);
                PhoneChecks.await("alice is connected", () -> out.state() == CallState.CONNECTED);
                carolHears.expect(ALICE_HZ, MUSIC_HZ, "before the hold");

                out.hold();
                PhoneChecks.await("carol is held", () -> in.state() == CallState.HELD);
                carolHears.expect(MUSIC_HZ, ALICE_HZ, "while alice holds");

                out.resume();
                PhoneChecks.await("carol is back", () -> in.state() == CallState.CONNECTED);
                carolHears.expect(ALICE_HZ, MUSIC_HZ, "after the resume");

                // alice's own class: her callers hear it when she holds them, from her next hold on
                HttpResponse<String> nobody = server.put("/music/users/nobody", "{\"class\":\"default\"}", ADMIN);
                assertEquals(400, nobody.statusCode(), nobody.body());
                assertEquals(201, server.putBytes("/music/alice-music/01", Files.readAllBytes(Tones.write(
                        base.resolve("alice-music.wav"), ALICE_MUSIC_HZ, 5, 16000)), "audio/wav", ADMIN).statusCode());
                HttpResponse<String> chosen = server.put("/music/users/alice", "{\"class\":\"alice-music\"}", ADMIN);
                assertEquals(201, chosen.statusCode(), chosen.body());
                HttpResponse<String> stale = server.put("/music/users/alice", "{\"class\":\"default\",\"version\":7}",
                        ADMIN);
                assertEquals(412, stale.statusCode(), "a change over another is refused: " + stale.body());
                out.hold();
                PhoneChecks.await("carol is held again", () -> in.state() == CallState.HELD);
                carolHears.expect(ALICE_MUSIC_HZ, MUSIC_HZ, "while alice holds: alice's class, not the default");
                out.resume();
                PhoneChecks.await("carol is back again", () -> in.state() == CallState.CONNECTED);
                carolHears.expect(ALICE_HZ, ALICE_MUSIC_HZ, "after the second resume");
                in.hangup();
                PhoneChecks.await("alice hears the hang-up", () -> out.state() == CallState.ENDED);

                // a group rings dave and carol at once; carol, given a class of her own now, answers and holds:
                // alice hears carol's class, not the default of dave, whose phone the group offered the call first
                assertEquals(201, server.put("/groups/sales", "{\"extension\":\"600\",\"strategy\":\"ring_all\","
                        + "\"members\":[\"dave\",\"carol\"]}", ADMIN).statusCode());
                Heard aliceHears = new Heard("alice");
                PhoneCall toGroup = alice.dial("600", engine.tone(ALICE_HZ), aliceHears);
                PhoneCall daveRings = daveEvents.incoming.poll(20, TimeUnit.SECONDS);
                PhoneCall carolTakes = carolEvents.incoming.poll(20, TimeUnit.SECONDS);
                assertNotNull(daveRings, "dave's phone rings");
                assertNotNull(carolTakes, "carol's phone rings at the same time");
                assertEquals(201, server.put("/music/users/carol", "{\"class\":\"alice-music\"}", ADMIN)
                        .statusCode());
                carolTakes.answer(engine.tone(1000), null);
                PhoneChecks.await("alice is connected to the group", () -> toGroup.state() == CallState.CONNECTED);
                carolTakes.hold();
                PhoneChecks.await("alice is held by carol", () -> toGroup.state() == CallState.HELD);
                aliceHears.expect(ALICE_MUSIC_HZ, MUSIC_HZ, "while carol, who answered for the group, holds");
                toGroup.hangup();
                PhoneChecks.await("carol hears the hang-up", () -> carolTakes.state() == CallState.ENDED);
            }
        }
    }
}
