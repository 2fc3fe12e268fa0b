package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The switch's call events reach a plugin from outside: the sample call-log plugin (samples/,
 * built on io.switchboard.sip.api only) is dropped into the plugins folder of a running server,
 * and a call from a carrier to a registered phone gives it STARTED, RINGING, ANSWERED and ENDED
 * with both legs' Call-IDs, while its CallControl reference sees the call up; a trunk whose carrier
 * refuses the connection gives it DOWN; bob's phone registering gives it REGISTERED with where it came from,
 * and an admin unregistering him UNREGISTERED.
 */
class SipEventsIT {

    private static final String[] ADMIN = { "admin", "sip-events-it-secret" };

    @TempDir
    Path base;

    @Test
    void aPluginSeesEveryCallEventWithBothLegs() throws Exception {
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        int carrierPort = ServerProcess.freePort();
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "probeInterval = 1\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSip(ADMIN);
            server.deploySample("io.switchboard.sample.calllog");
            awaitActive(server, "io.switchboard.sample.calllog");
            Thread.sleep(1000); // its component registers its handler once the bundle is active

            Sipp bob = CarrierToBob.provision(server, ADMIN, sipp, carrierPort, bobPort, "+442071110002", 1);
            Sipp carrier = Sipp.start(sipp, "sipp-trunk-call.xml", server.sipPort, carrierPort, "u1", "-s",
                    "+442071110002", "-key", "caller", "12125550100", "-d", "500", "-m", "1");
            assertEquals(0, carrier.await(60), carrier.report());
            assertEquals(0, bob.await(60), bob.report());

            String log = server.awaitOutput("Acme call log: ENDED");
            assertTrue(Pattern.compile("Acme call log: bob REGISTERED sip:\\S+ from udp:127\\.0\\.0\\.1:" + bobPort)
                    .matcher(log).find(), "the registration event, with the packet's source: " + log);
            Matcher started = Pattern.compile("Acme call log: STARTED 12125550100 -> \\+442071110002 a=(\\S+) b=").matcher(log);
            assertTrue(started.find(), log);
            String aCallId = started.group(1);
            Matcher answered = Pattern.compile("Acme call log: ANSWERED \\S+ -> \\S+ a=" + Pattern.quote(aCallId)
                    + " b=(\\S+) \\((\\d+) up\\)").matcher(log);
            assertTrue(answered.find(), log);
            assertTrue(!answered.group(1).equals("null"), "leg B's Call-ID: " + log);
            assertEquals("1", answered.group(2), "the plugin's CallControl sees the call up");
            assertTrue(log.contains("Acme call log: RINGING"), log);
            assertTrue(Pattern.compile("Acme call log: ENDED \\S+ -> \\S+ a=" + Pattern.quote(aCallId) + " b="
                    + Pattern.quote(answered.group(1)) + " ANSWERED").matcher(log).find(), log);

            assertEquals(200, server.delete("/sip/registrations/bob", ADMIN).statusCode());
            server.awaitOutput("Acme call log: bob UNREGISTERED * from null");

            // a trunk whose carrier refuses the connection goes down, and the plugin hears of it
            int closed = ServerProcess.freePort();
            assertEquals(201, server.put("/sip/trunks/dead", "{\"host\":\"127.0.0.1\",\"port\":" + closed
                    + ",\"transport\":\"tcp\"}", ADMIN).statusCode());
            server.awaitOutput("Acme call log: trunk dead DOWN");
        }
    }

    private static void awaitActive(ServerProcess server, String bundle) throws Exception {
        for (int i = 0; i < 150; i++) {
            for (JsonNode b : server.getJson("/status", ADMIN).path("bundles")) {
                if (b.path("symbolicName").asText().equals(bundle) && b.path("state").asText().equals("ACTIVE")) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(bundle + " not active:\n" + server.output());
    }
}
