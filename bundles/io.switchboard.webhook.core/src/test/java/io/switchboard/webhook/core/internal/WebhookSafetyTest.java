package io.switchboard.webhook.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/**
 * What a webhook may target (no internal address unless allowed, HTTPS unless HTTP is allowed), and
 * the signature's HMAC against RFC 4231's test vector.
 */
class WebhookSafetyTest {

    @Test
    void internalAddressesAreRefusedUnlessAllowed() throws Exception {
        for (String internal : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::5", "fd12:3456::1", "::ffff:10.0.0.1", "224.0.0.1" }) {
            assertTrue(Targets.internal(InetAddress.getByName(internal)), internal);
            String url = "https://" + (internal.contains(":") ? "[" + internal + "]" : internal) + "/hook";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Targets.check(url, false, false));
            assertTrue(e.getMessage().contains("internal address") && e.getMessage().contains("allowPrivateTargets"),
                    e.getMessage());
            assertEquals(url, Targets.check(url, false, true).toString(), "allowed by the setting");
        }
        for (String outside : new String[] { "93.184.216.34", "8.8.8.8", "2606:4700::1111", "100.128.0.1" }) {
            assertFalse(Targets.internal(InetAddress.getByName(outside)), outside);
        }
    }

    @Test
    void onlyHttpsUnlessHttpIsAllowedAndNoCredentialsInTheUrl() {
        IllegalArgumentException http = assertThrows(IllegalArgumentException.class,
                () -> Targets.check("http://93.184.216.34/hook", false, false));
        assertTrue(http.getMessage().contains("allowHttp"), http.getMessage());
        assertEquals("http://93.184.216.34/hook", Targets.check("http://93.184.216.34/hook", true, false).toString());
        assertThrows(IllegalArgumentException.class, () -> Targets.check("ftp://93.184.216.34/x", true, true));
        assertThrows(IllegalArgumentException.class, () -> Targets.check("https://user:pw@93.184.216.34/x", true, true));
        assertThrows(IllegalArgumentException.class, () -> Targets.check("https:///nohost", true, true));
        assertThrows(IllegalArgumentException.class, () -> Targets.check("not a url at all", true, true));
    }

    @Test
    void theSignatureIsHmacSha256OfTimeDotBody() {
        // RFC 4231, test case 2
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Signature.hmac("Jefe", "what do ya want for nothing?"));
        assertEquals("t=1700000000,v1=" + Signature.hmac("secret-0123456789", "1700000000.{\"event\":\"ping\"}"),
                Signature.header("secret-0123456789", 1700000000L, "{\"event\":\"ping\"}"));
    }
}
