package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RFC 4028 session timers for a call whose media goes phone to phone (users' calls do not pass the
 * relay on loopback): with {@code sessionExpires = 90} the switch refreshes both legs with UPDATE
 * after 45 s. The caller (SIPp) answers 200; the callee (SIPp) has forgotten the call and answers
 * 481. The switch ends the call on both legs at once, and its record says why.
 */
class SessionTimerIT {

    private static final String[] ADMIN = { "admin", "session-timer-it-secret" };

    @TempDir
    Path base;

    @Test
    void aCallWhoseCalleeForgotItEndsAtTheNextRefresh() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\nsessionExpires = 90\n");
        Path sipp = Files.createDirectories(base.resolve("sipp"));
        int bobPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            for (String[] u : new String[][] { { "alice", "alice-password-1" }, { "bob", "bob-password-22" } }) {
                assertEquals(201, server.put("/sip/users/" + u[0], "{\"password\":\"" + u[1] + "\"}", ADMIN).statusCode());
            }
            Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, bobPort, "u1", "-s", "bob", "-au", "bob",
                    "-ap", "bob-password-22", "-key", "expires", "300", "-m", "1");
            assertEquals(0, reg.await(60), reg.report());

            Sipp bob = Sipp.start(sipp, "sipp-answer-then-forget.xml", server.sipPort, bobPort, "u1", "-m", "1");
            Thread.sleep(300);
            long t0 = System.nanoTime();
            Sipp alice = Sipp.start(sipp, "sipp-call-refreshed.xml", server.sipPort, ServerProcess.freePort(), "u1",
                    "-s", "bob", "-au", "alice", "-ap", "alice-password-1", "-key", "caller", "alice", "-m", "1");
            int aliceExit = alice.await(90);
            int bobExit = bob.await(30);
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            if (aliceExit != 0 || bobExit != 0) {
                fail("caller " + aliceExit + ", callee " + bobExit + "\n" + alice.report() + bob.report()
                        + server.output());
            }
            assertTrue(seconds >= 44 && seconds < 58, "ended at the first refresh, half the interval: " + seconds + " s");

            JsonNode records = null;
            for (int i = 0; i < 75; i++) {
                records = server.getJson("/cdr/records?q=" + URLEncoder.encode("disposition:answered",
                        StandardCharsets.UTF_8), ADMIN);
                if (records.path("total").asInt() > 0) {
                    break;
                }
                Thread.sleep(200);
            }
            JsonNode r = records.path("records").get(0);
            assertEquals("SYSTEM", r.path("hangupSide").asText(), r.toString());
            assertTrue(r.path("sipReason").asText().startsWith("Session expired: the callee is gone (481"), r.toString());
            assertEquals(0, server.getJson("/sip/calls", ADMIN).size(), "no call left");
        }
    }
}
