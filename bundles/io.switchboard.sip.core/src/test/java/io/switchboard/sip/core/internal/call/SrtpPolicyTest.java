package io.switchboard.sip.core.internal.call;

import static io.switchboard.sip.api.provisioning.MediaEncryption.OFF;
import static io.switchboard.sip.api.provisioning.MediaEncryption.OPTIONAL;
import static io.switchboard.sip.api.provisioning.MediaEncryption.REQUIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.provisioning.MediaEncryption;

class SrtpPolicyTest {

    private static final String KEY = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n";
    private static final byte[] SAVP = sdp("RTP/SAVP", KEY);
    private static final byte[] BEST_EFFORT = sdp("RTP/AVP", KEY);
    private static final byte[] PLAIN = sdp("RTP/AVP", "");

    private static byte[] sdp(String proto, String crypto) {
        return ("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 " + proto
                + " 0 101\r\na=rtpmap:101 telephone-event/8000\r\n" + crypto).getBytes(StandardCharsets.UTF_8);
    }

    private static SrtpPolicy.End tls(String who, MediaEncryption policy) {
        return new SrtpPolicy.End(who, policy, true);
    }

    private static SrtpPolicy.End udp(String who, MediaEncryption policy) {
        return new SrtpPolicy.End(who, policy, false);
    }

    @Test
    void keysGoUnchangedFromTlsToTls() {
        SrtpPolicy.Outcome o = SrtpPolicy.offer(SAVP, tls("user alice", OPTIONAL), tls("trunk c", REQUIRED));
        assertFalse(o.refused());
        assertEquals(new String(SAVP, StandardCharsets.UTF_8), new String(o.offer(), StandardCharsets.UTF_8));
        assertTrue(SrtpPolicy.encrypted(o.offer()));
    }

    @Test
    void plainMediaPassesUnlessSomeoneRequiresKeys() {
        assertFalse(SrtpPolicy.offer(PLAIN, udp("user a", OPTIONAL), udp("user b", OFF)).refused());
        assertEquals("user a must encrypt its media (mediaEncryption required) but offered no SRTP keys",
                SrtpPolicy.offer(PLAIN, tls("user a", REQUIRED), tls("user b", OPTIONAL)).refusal());
        assertEquals("trunk c takes only encrypted media (mediaEncryption required) and the caller offered none",
                SrtpPolicy.offer(PLAIN, tls("user a", OPTIONAL), tls("trunk c", REQUIRED)).refusal());
        assertEquals("trunk c takes only encrypted media (mediaEncryption required) but is not reached over TLS",
                SrtpPolicy.offer(SAVP, tls("user a", OPTIONAL), udp("trunk c", REQUIRED)).refusal());
    }

    @Test
    void keysTowardsAPlainLegAreTakenOutOrTheCallRefused() {
        SrtpPolicy.Outcome stripped = SrtpPolicy.offer(BEST_EFFORT, tls("user a", OPTIONAL), udp("user b", OPTIONAL));
        assertFalse(stripped.refused());
        assertFalse(SrtpPolicy.encrypted(stripped.offer()));
        assertTrue(new String(stripped.offer(), StandardCharsets.UTF_8).contains("m=audio 4000 RTP/AVP 0 101"));
        assertEquals("user b is not reached over TLS and SRTP keys go only over TLS, and the caller offered SRTP only "
                + "(RTP/SAVP)", SrtpPolicy.offer(SAVP, tls("user a", OPTIONAL), udp("user b", OPTIONAL)).refusal());
        assertEquals("user a sent SRTP keys over a plain connection (SDES needs TLS), and the caller offered SRTP only "
                + "(RTP/SAVP)", SrtpPolicy.offer(SAVP, udp("user a", OPTIONAL), tls("user b", OPTIONAL)).refusal());
        assertEquals("trunk c takes no encrypted media (mediaEncryption off), and the caller offered SRTP only "
                + "(RTP/SAVP)", SrtpPolicy.offer(SAVP, tls("user a", OPTIONAL), tls("trunk c", OFF)).refusal());
        assertFalse(SrtpPolicy.encrypted(SrtpPolicy.offer(BEST_EFFORT, tls("user a", OFF), tls("b", OPTIONAL))
                .offer()));
    }

    @Test
    void aCallerThatRequiresSrtpIsNotDowngraded() {
        assertEquals("user b is not reached over TLS and SRTP keys go only over TLS",
                SrtpPolicy.offer(BEST_EFFORT, tls("user a", REQUIRED), udp("user b", OPTIONAL)).refusal());
    }
}
