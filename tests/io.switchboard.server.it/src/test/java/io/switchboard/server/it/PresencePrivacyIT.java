package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may watch whose calls (issue 61): mallory, in no group of bob's, asks for bob's dialog state
 * and gets 403. Ann shares a ring group with bob: her lamp follows his call (ringing, up, ended) but
 * shows neither the other party nor the call's SIP Call-ID, only an opaque id. The receptionist,
 * allowed to watch everyone and to see the parties (etc/io.switchboard.presence.cfg), sees alice
 * as the other party and the Call-ID.
 */
class PresencePrivacyIT {

    private static final String[] ADMIN = { "admin", "presence-privacy-it-secret" };
    private static final String PASSWORD = "lamp-password-1";

    @TempDir
    Path base;

    @Test
    void onlyColleaguesWatchAndOnlyTheAllowedSeeTheOtherParty() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        Files.writeString(base.resolve("etc/io.switchboard.presence.cfg"), "allow = reception:*\n"
                + "showParties = reception:*\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip stranger = new RawSip()) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            for (String user : List.of("alice", "ann", "mallory", "reception")) {
                assertEquals(201, server.put("/sip/users/" + user, "{\"password\":\"" + PASSWORD + "\"}", ADMIN)
                        .statusCode());
            }
            Sipp bob = CarrierToBob.provision(server, ADMIN, sipp, ServerProcess.freePort(), ServerProcess.freePort(),
                    "+15550100000", 1);
            assertEquals(201, server.put("/groups/sales", "{\"extension\":\"600\",\"strategy\":\"ring_all\","
                    + "\"members\":[\"ann\",\"bob\"]}", ADMIN).statusCode());

            RawSip.Reply refused = TextMessages.request(stranger, server.sipPort, "SUBSCRIBE", "mallory", "bob",
                    "Event: dialog\nAccept: application/dialog-info+xml\nExpires: 600\nContact: <sip:mallory@127.0.0.1:"
                            + stranger.port + ">", "", "mallory", PASSWORD);
            assertNotNull(refused, "no answer to mallory's SUBSCRIBE");
            assertEquals(403, refused.status(), refused.text());
            assertTrue(refused.text().contains("mallory may not watch bob"), refused.text());

            Sipp ann = lamp(sipp, server, "ann");
            Sipp reception = lamp(sipp, server, "reception");
            PhoneChecks.await("two lamps on bob", () -> subscriptions(server) == 2, () -> ann.report()
                    + reception.report());
            Sipp alice = Sipp.start(sipp, "sipp-call.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s", "bob",
                    "-au", "alice", "-ap", PASSWORD, "-key", "caller", "alice", "-d", "500", "-m", "1");
            assertEquals(0, alice.await(30), alice.report());
            assertEquals(0, bob.await(30), bob.report());
            assertEquals(0, ann.await(30), ann.report() + server.output());
            assertEquals(0, reception.await(30), reception.report() + server.output());

            String colleague = ann.report();
            assertEquals(List.of("early", "confirmed", "terminated"), BusyLampIT.states(colleague), colleague);
            assertFalse(colleague.contains("<remote>") || colleague.contains("sip:alice@"), "no other party: "
                    + colleague);
            assertFalse(colleague.contains("call-id="), "no Call-ID: " + colleague);
            assertTrue(colleague.contains("<dialog id=\"d-"), "an opaque id: " + colleague);

            String desk = reception.report();
            assertEquals(List.of("early", "confirmed", "terminated"), BusyLampIT.states(desk), desk);
            assertTrue(desk.contains("<identity>sip:alice@") && desk.contains("call-id=\""), desk);
        }
    }

    private static Sipp lamp(Path sipp, ServerProcess server, String user) throws Exception {
        return Sipp.start(sipp, "sipp-subscribe-dialog.xml", server.sipPort, ServerProcess.freePort(), "u1", "-s",
                "bob", "-au", user, "-ap", PASSWORD, "-key", "subscriber", user, "-m", "1");
    }

    private static int subscriptions(ServerProcess server) {
        try {
            return server.getJson("/presence/subscriptions", ADMIN).size();
        } catch (Exception e) {
            return -1;
        }
    }
}
