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
import java.time.ZoneOffset;
import java.util.Base64;

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
        LoginThrottle throttle = new LoginThrottle(3, 60_000, clock);
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(0, throttle.lockedSeconds("10.0.0.1"));
        throttle.failed("10.0.0.1");
        assertEquals(60, throttle.lockedSeconds("10.0.0.1"));
        assertEquals(0, throttle.lockedSeconds("10.0.0.2"), "other addresses are not affected");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, throttle.lockedSeconds("10.0.0.1"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(0, throttle.lockedSeconds("10.0.0.1"));
        throttle.failed("10.0.0.1");
        assertEquals(0, throttle.lockedSeconds("10.0.0.1"), "a new window starts after the lockout");
    }

    @Test
    void oneAccountLockedOutFromOneAddressLeavesTheOwnersAddressAndOtherAccountsAlone() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(3, 60_000, clock);
        for (int i = 0; i < 3; i++) {
            throttle.failed(LoginThrottle.key("admin", "203.0.113.9"));
        }
        assertEquals(60, throttle.lockedSeconds(LoginThrottle.key("admin", "203.0.113.9")));
        assertEquals(0, throttle.lockedSeconds(LoginThrottle.key("admin", "192.0.2.10")), "the admin at their desk");
        assertEquals(0, throttle.lockedSeconds(LoginThrottle.key("operator", "203.0.113.9")));
    }

    @Test
    void aSweepOverManyNamesDoesNotGrowTheTableForever() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(3, 60_000, clock);
        for (int i = 0; i < LoginThrottle.PRUNE_ABOVE + 10; i++) {
            throttle.failed(LoginThrottle.key("user" + i, "203.0.113.9"));
        }
        clock.advance(Duration.ofSeconds(61));
        throttle.failed(LoginThrottle.key("one-more", "203.0.113.9"));
        assertEquals(1, throttle.size(), "the old pairs pruned");
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        java.util.Set<String> proxies = java.util.Set.of("10.0.0.1", "10.0.0.2");
        assertEquals("198.51.100.9", ManagementContext.clientAddress("198.51.100.9", "203.0.113.7", proxies),
                "a client's own header is ignored");
        assertEquals("203.0.113.7", ManagementContext.clientAddress("10.0.0.1", "203.0.113.7, 10.0.0.2", proxies),
                "through two proxies");
        assertEquals("203.0.113.7", ManagementContext.clientAddress("10.0.0.1", "192.0.2.66, 203.0.113.7", proxies),
                "what the client wrote before the proxy's entry does not count");
        assertEquals("10.0.0.1", ManagementContext.clientAddress("10.0.0.1", null, proxies));
        assertEquals("10.0.0.1", ManagementContext.clientAddress("10.0.0.1", "203.0.113.7", java.util.Set.of()),
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
    void successClearsFailures() {
        LoginThrottle throttle = new LoginThrottle(2, 60_000, new MutableClock());
        throttle.failed("a");
        throttle.succeeded("a");
        throttle.failed("a");
        assertEquals(0, throttle.lockedSeconds("a"));
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
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
