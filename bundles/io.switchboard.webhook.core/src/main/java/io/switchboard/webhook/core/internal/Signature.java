package io.switchboard.webhook.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Switchboard-Signature} header: {@code t=UNIX_SECONDS,v1=HEX}, where HEX is the
 * HMAC-SHA256, under the subscription's secret, of the time, a dot and the body, as Stripe's and
 * GitHub's webhooks sign. The receiver computes the same, compares in constant time, and refuses an
 * old time, so a captured delivery cannot be replayed later.
 */
final class Signature {

    static final String HEADER = "Switchboard-Signature";

    private Signature() {
    }

    static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No HMAC-SHA256 in this JVM", e);
        }
    }
}
