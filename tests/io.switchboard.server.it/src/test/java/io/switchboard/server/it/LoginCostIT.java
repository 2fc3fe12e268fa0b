package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a login costs the server (issue 61, item 8), measured as the server process's CPU time: a
 * known name with a wrong password costs a real PBKDF2, while random names from many addresses, the
 * second outside review's flood, cost little, yet are answered after as long as a real check takes,
 * so that the time does not tell which names have accounts. Wrong API tokens cost little too.
 */
@Tag("serial") // runs in the pom's execution of that name: alone, not beside another fork
class LoginCostIT {

    private static final String[] ADMIN = { "admin", "login-cost-it-1" };
    /** The review's flood: random names, a few from each of many addresses (within each one's budget). */
    private static final int ADDRESSES = 6;
    private static final int NAMES_EACH = 8;
    private static final int KNOWN = 6;

    @TempDir
    Path base;

    @Test
    void unknownNamesCostLittleCpuButAsMuchTimeAsAKnownNamesWrongPassword() throws Exception {
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            assertEquals(201, server.put("/accounts/olga", "{\"role\":\"operator\",\"password\":\"operator-pass-1\"}",
                    ADMIN).statusCode());
            // the paths run once before anything is measured, so that the JIT's work is not counted
            for (int i = 0; i < 3; i++) {
                assertEquals(401, login(server, new String[] { "warm-" + UUID.randomUUID(), "x" }, "127.0.0.60"));
            }

            double before = server.cpuSeconds();
            List<Long> knownMillis = new ArrayList<>();
            for (int i = 0; i < KNOWN; i++) {
                long t0 = System.nanoTime();
                assertEquals(401, login(server, new String[] { "olga", "wrong-password-" + i }, "127.0.0.1"));
                knownMillis.add((System.nanoTime() - t0) / 1_000_000);
            }
            double known = server.cpuSeconds() - before;
            assertTrue(known >= KNOWN * 0.05, String.format("%d wrong passwords of a known name cost %.0f ms of CPU: "
                    + "each is a real PBKDF2", KNOWN, known * 1000));

            before = server.cpuSeconds();
            List<Long> unknownMillis = new ArrayList<>();
            for (int a = 0; a < ADDRESSES; a++) {
                for (int i = 0; i < NAMES_EACH; i++) {
                    String[] random = { UUID.randomUUID().toString().substring(0, 12), UUID.randomUUID().toString() };
                    long t0 = System.nanoTime();
                    assertEquals(401, login(server, random, "127.0.0." + (10 + a)));
                    unknownMillis.add((System.nanoTime() - t0) / 1_000_000);
                }
            }
            double unknown = server.cpuSeconds() - before;
            int n = ADDRESSES * NAMES_EACH;
            // a real hash each would be n * 100 ms and more; a few keep the timings current. The bounds
            // leave room for what the young server's JIT and timers spend meanwhile (15-20 ms a login here)
            assertTrue(unknown < n * 0.05 && unknown / n < known / KNOWN / 4, String.format("%d random-name logins "
                    + "cost %.0f ms of CPU, %d wrong passwords of a known name %.0f ms", n, unknown * 1000, KNOWN,
                    known * 1000));
            long knownMedian = median(knownMillis);
            long unknownMedian = median(unknownMillis);
            assertTrue(unknownMedian * 3 >= knownMedian, "a random name is answered after as long as a real check: "
                    + unknownMedian + " ms against " + knownMedian + " ms");

            before = server.cpuSeconds();
            String[] wrongToken = { "sbt_" + "0".repeat(16) + "_" + "f".repeat(64) };
            for (int i = 0; i < 8; i++) { // within the budget of one address's wrong tokens (10)
                assertEquals(401, server.get("/status", wrongToken).statusCode());
            }
            double tokens = server.cpuSeconds() - before;
            assertTrue(tokens < 8 * 0.025, String.format("8 wrong tokens cost %.0f ms of CPU", tokens * 1000));
            // the figures, for docs and drift, in the test's report rather than on the console
            System.getLogger(LoginCostIT.class.getName()).log(System.Logger.Level.INFO, String.format("%d wrong "
                    + "passwords %.0f ms CPU (median %d ms); %d random names %.0f ms CPU (median %d ms); 8 wrong "
                    + "tokens %.0f ms CPU", KNOWN, known * 1000, knownMedian, n, unknown * 1000, unknownMedian,
                    tokens * 1000));
        }
    }

    /** @return the status of a login with these credentials from this loopback address */
    private static int login(ServerProcess server, String[] who, String from) throws Exception {
        return ApiAuthorizationIT.send(server, "GET", "/api/v1/status", null, who, InetAddress.getByName(from));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
