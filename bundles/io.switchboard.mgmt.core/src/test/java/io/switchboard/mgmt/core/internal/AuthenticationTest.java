package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AuthenticationTest {

    @Test
    void hashVerifiesOnlyTheRightPasswordAndIsSalted() {
        PasswordHasher hasher = new PasswordHasher(1_000);
        String hash = hasher.hash("correct horse battery");
        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
        assertFalse(hash.contains("correct"));
        assertTrue(PasswordHasher.verify("correct horse battery", hash));
        assertFalse(PasswordHasher.verify("correct horse batterY", hash));
        assertFalse(PasswordHasher.verify("correct horse battery", "md5$x"));
        assertNotEquals(hash, hasher.hash("correct horse battery"), "same password, different salt");
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        String a = PasswordHasher.generate();
        assertEquals(20, a.length());
        assertNotEquals(a, PasswordHasher.generate());
    }

    @Test
    void basicHeaderIsParsedAndMalformedOnesRejected() {
        assertArrayEquals(new String[] { "admin", "pa:ss wörd" },
                ManagementContext.basicCredentials("Basic " + b64("admin:pa:ss wörd")));
        assertArrayEquals(new String[] { "admin", "" }, ManagementContext.basicCredentials("basic " + b64("admin:")));
        assertNull(ManagementContext.basicCredentials(null));
        assertNull(ManagementContext.basicCredentials("Bearer abc"));
        assertNull(ManagementContext.basicCredentials("Basic !!!not-base64"));
        assertNull(ManagementContext.basicCredentials("Basic " + b64("no-colon")));
        assertNull(ManagementContext.basicCredentials("Basic " + b64(":nouser")));
    }

    @Test
    void throttleLocksAfterTooManyFailuresAndForgetsAfterLockout() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(3, 100, 60_000, clock);
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertEquals(0, throttle.lockedSeconds("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1");
        assertEquals(60, throttle.lockedSeconds("alice", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, throttle.lockedSeconds("alice", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(0, throttle.lockedSeconds("alice", "10.0.0.1"));
    }

    @Test
    void oneAccountLockedOutFromOneAddressLeavesOtherAccountsAlone() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(3, 100, 60_000, clock);
        for (int i = 0; i < 3; i++) {
            throttle.failed("admin", "203.0.113.9");
        }
        assertEquals(60, throttle.lockedSeconds("admin", "203.0.113.9"));
        assertEquals(0, throttle.lockedSeconds("operator", "203.0.113.9"));
        assertEquals(1, throttle.lockedSeconds("admin", "192.0.2.10"),
                "the admin at their desk waits out only the account's first back-off step");
    }

    @Test
    void randomNamesFromOneAddressSpendItsBudgetBeforeAnyHashing() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(10, 30, 60_000, clock);
        for (int i = 0; i < 30; i++) {
            assertEquals(0, throttle.lockedSeconds("guess" + i, "203.0.113.9"));
            throttle.failed("guess" + i, "203.0.113.9");
        }
        assertEquals(60, throttle.lockedSeconds("never-tried", "203.0.113.9"), "whatever name comes next");
        assertEquals(0, throttle.lockedSeconds("never-tried", "203.0.113.10"), "another address keeps its budget");
    }

    @Test
    void anIpv6SubscriberCountsAsOneAddressWhateverItsLower64Bits() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(10, 5, 60_000, clock);
        for (int i = 1; i <= 5; i++) {
            throttle.failed("guess" + i, "2001:db8:1:2::" + Integer.toHexString(i * 4099));
        }
        assertEquals(60, throttle.lockedSeconds("x", "2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertEquals(0, throttle.lockedSeconds("x", "2001:db8:1:3::1"), "the next /64 is another subscriber");
        assertEquals(LoginThrottle.network("2001:db8:1:2::1"), LoginThrottle.network("[2001:0db8:1:2:0:0:0:99]"));
        assertEquals("198.51.100.4", LoginThrottle.network("198.51.100.4"));
    }

    @Test
    void rotatingAddressesCannotEscapeTheAccountsBackOff() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(3, 100, 300_000, clock);
        for (int i = 0; i < 3; i++) {
            throttle.failed("admin", "198.51.100." + i);
        }
        assertEquals(1, throttle.lockedSeconds("admin", "203.0.113.77"), "a fresh address waits too");
        for (int i = 3; i < 12; i++) {
            clock.advance(Duration.ofMillis(throttle.lockedSeconds("admin", "x") * 1000));
            throttle.failed("admin", "198.51.100." + i);
        }
        assertEquals(60, throttle.lockedSeconds("admin", "203.0.113.78"), "the back-off doubles up to a minute");
        throttle.succeeded("admin", "192.0.2.10");
        assertEquals(0, throttle.lockedSeconds("admin", "192.0.2.10"), "the owner's login clears the back-off");
    }

    @Test
    void aSweepOverManyNamesAndAddressesKeepsTheTablesBounded() {
        LoginThrottle throttle = new LoginThrottle(3, 30, 60_000, new MutableClock());
        for (int i = 0; i < LoginThrottle.CAPACITY + 500; i++) {
            throttle.failed("user" + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertEquals(3 * LoginThrottle.CAPACITY, throttle.size(), "least recently used entries evicted");
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        Set<String> proxies = Set.of("10.0.0.1", "10.0.0.2");
        assertEquals("198.51.100.9", ManagementContext.clientAddress("198.51.100.9", "203.0.113.7", proxies),
                "a client's own header is ignored");
        assertEquals("203.0.113.7", ManagementContext.clientAddress("10.0.0.1", "203.0.113.7, 10.0.0.2", proxies),
                "through two proxies");
        assertEquals("203.0.113.7", ManagementContext.clientAddress("10.0.0.1", "192.0.2.66, 203.0.113.7", proxies),
                "what the client wrote before the proxy's entry does not count");
        assertEquals("10.0.0.1", ManagementContext.clientAddress("10.0.0.1", null, proxies));
        assertEquals("10.0.0.1", ManagementContext.clientAddress("10.0.0.1", "203.0.113.7", Set.of()),
                "no proxies configured: never believed");
    }

    @Test
    void namesInLogLinesCannotForgeLines() {
        assertEquals("admin\\u000a2026-11-24 INFO forged", ManagementContext.loggable("admin\n2026-11-24 INFO forged"));
        assertEquals(67, ManagementContext.loggable("x".repeat(500)).length(), "cut to 64 and marked");
    }

    @Test
    void hashesOfFewerIterationsAreToldApart() {
        assertEquals(1000, PasswordHasher.iterations(new PasswordHasher(1_000).hash("a-long-password")));
        assertEquals(0, PasswordHasher.iterations("md5$x"));
        assertEquals(600_000, PasswordHasher.DEFAULT_ITERATIONS, "OWASP's figure for PBKDF2-HMAC-SHA256");
    }

    @Test
    void successClearsTheAccountsFailures() {
        LoginThrottle throttle = new LoginThrottle(2, 100, 60_000, new MutableClock());
        throttle.failed("a", "10.0.0.1");
        throttle.succeeded("a", "10.0.0.1");
        throttle.failed("a", "10.0.0.1");
        assertEquals(0, throttle.lockedSeconds("a", "10.0.0.1"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
