package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Presence with a real phone: carol's baresip watches bob with its presence module (SUBSCRIBE to
 * the presence package, PIDF with RPID). Bob has no phone yet: baresip shows him offline. His phone
 * (SIPp) registers: online. A carrier's call rings him and he answers: busy (on the phone). He hangs
 * up: online again. Dave's baresip publishes his own presence (PUBLISH): he says offline, and carol
 * sees him offline though his phone stays registered; he says online again.
 */
class RealPhonesPresenceIT {

    private static final String[] ADMIN = { "admin", "real-phones-presence-it" };

    @TempDir
    Path base;

    @Test
    void baresipSeesBobComeOnlineAndTakeACall() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            assertEquals(201, server.put("/sip/users/carol", "{\"password\":\"carol-password-3\"}", ADMIN)
                    .statusCode());
            Path phone = Files.createDirectories(base.resolve("baresip"));
            Files.writeString(phone.resolve("contacts"), "\"Bob\" <sip:bob@127.0.0.1:" + server.sipPort
                    + ">;presence=p2p\n");
            Path sipp = Files.createDirectories(base.resolve("sipp"));
            int carrierPort = ServerProcess.freePort();
            // bob exists before carol's phone subscribes, with no phone registered
            assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"bob-password-22\"}", ADMIN).statusCode());
            try (Baresip carol = new Baresip(phone, "<sip:carol@127.0.0.1:" + server.sipPort
                    + ">;auth_pass=carol-password-3", Tones.write(base.resolve("tone.wav"), 440, 5),
                    List.of("module_app contact.so", "module_app presence.so"))) {
                PhoneChecks.await("carol registered", () -> PhoneChecks.registered(server, "carol", ADMIN), carol::output);
                PhoneChecks.await("bob offline", () -> bob(carol).contains("Offline"), () -> bob(carol) + carol.output());

                server.delete("/sip/users/bob", ADMIN);
                Sipp bob = CarrierToBob.provision(server, ADMIN, sipp, carrierPort, ServerProcess.freePort(),
                        "+15550100000", 1);
                PhoneChecks.await("bob online", () -> bob(carol).contains("Online"), () -> bob(carol) + carol.output());

                Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierPort, "u1", "-s",
                        "+15550100000", "-key", "caller", "12125550100", "-d", "4000", "-m", "1");
                PhoneChecks.await("bob busy", () -> bob(carol).contains("Busy"), () -> bob(carol) + carol.output());
                assertEquals(0, carrier.await(30), carrier.report());
                assertEquals(0, bob.await(30), bob.report());
                PhoneChecks.await("bob online after the call", () -> bob(carol).contains("Online"),
                        () -> bob(carol) + carol.output());
            }
        }
    }

    @Test
    void baresipPublishesItsOwnPresence() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            for (String user : List.of("carol", "dave")) {
                assertEquals(201, server.put("/sip/users/" + user, "{\"password\":\"" + user + "-password-3\"}", ADMIN)
                        .statusCode());
            }
            Path watcher = Files.createDirectories(base.resolve("carol"));
            Files.writeString(watcher.resolve("contacts"), "\"Dave\" <sip:dave@127.0.0.1:" + server.sipPort
                    + ">;presence=p2p\n");
            Path tone = Tones.write(base.resolve("tone.wav"), 440, 5);
            List<String> modules = List.of("module_app contact.so", "module_app presence.so");
            try (Baresip dave = new Baresip(base.resolve("dave"), "<sip:dave@127.0.0.1:" + server.sipPort
                    + ">;auth_pass=dave-password-3;pubint=60", tone, modules);
                    Baresip carol = new Baresip(watcher, "<sip:carol@127.0.0.1:" + server.sipPort
                            + ">;auth_pass=carol-password-3", tone, modules)) {
                PhoneChecks.await("dave registered", () -> PhoneChecks.registered(server, "dave", ADMIN), dave::output);
                PhoneChecks.await("dave online", () -> bob(carol).contains("Online"), () -> bob(carol) + carol.output());
                // dave says he is offline: his phone publishes it, though it stays registered
                dave.command("presence_offline", "");
                PhoneChecks.await("dave offline by his own word", () -> bob(carol).contains("Offline"),
                        () -> bob(carol) + dave.output());
                assertTrue(PhoneChecks.registered(server, "dave", ADMIN), "still registered");
                dave.command("presence_online", "");
                PhoneChecks.await("dave online again", () -> bob(carol).contains("Online"),
                        () -> bob(carol) + dave.output());
            }
        }
    }

    /** @return baresip's contact list (bob alone), with his presence */
    private static String bob(Baresip phone) {
        try {
            return phone.command("contacts", "");
        } catch (Exception e) {
            return e.toString();
        }
    }
}
