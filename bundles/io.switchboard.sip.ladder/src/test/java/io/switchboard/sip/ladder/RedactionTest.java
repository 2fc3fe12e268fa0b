package io.switchboard.sip.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

    @Test
    void sdesKeysAndDigestResponsesAreMaskedAndTheRestKept() {
        String invite = "INVITE sip:bob@example.net SIP/2.0\r\n"
                + "Proxy-Authorization: Digest username=\"alice\", realm=\"switchboard\", nonce=\"abc\", "
                + "uri=\"sip:bob@example.net\", response=\"6629fae49393a05397450978507c4ef1\", qop=auth, nc=00000001\r\n"
                + "authorization: Digest username=\"x\",response=0a4f113b,realm=\"r\"\r\n"
                + "Content-Type: application/sdp\r\n\r\n"
                + "v=0\r\nm=audio 4000 RTP/SAVP 0\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:32\r\n"
                + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY + "\r\n"
                + "k=base64:c2VjcmV0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n";
        String out = Redaction.redact(invite);
        assertFalse(out.contains(KEY), out);
        assertFalse(out.contains("6629fae49393a05397450978507c4ef1") || out.contains("0a4f113b"), out);
        assertFalse(out.contains("c2VjcmV0"), out);
        assertTrue(out.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:********|2^20|1:32\r\n"), out);
        assertTrue(out.contains("response=\"********\", qop=auth"), out);
        assertTrue(out.contains("username=\"alice\"") && out.contains("a=rtpmap:0 PCMU/8000"), "the rest stays: " + out);
        String plain = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n";
        assertEquals(plain, Redaction.redact(plain));
    }

    @Test
    void secretsAreFoundInAnyCase() {
        String shouting = "INVITE sip:bob@example.net SIP/2.0\r\n"
                + "PROXY-AUTHORIZATION: Digest username=\"alice\", response=\"6629fae49393a05397450978507c4ef1\"\r\n\r\n"
                + "v=0\r\nA=CRYPTO:1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "\r\nK=clear:c2VjcmV0\r\n";
        String out = Redaction.redact(shouting);
        assertFalse(out.contains(KEY) || out.contains("6629fae4") || out.contains("c2VjcmV0"), out);
        assertTrue(Redaction.contains("x\r\nProxy-Authorization: y", "authorization", 8));
        assertTrue(Redaction.contains("AUTHORIZATION", "authorization", 8), "the word alone, any case");
        assertFalse(Redaction.contains("authorizatio", "authorization", 8), "not past the text's end");
        assertFalse(Redaction.contains("zation authori", "authorization", 8), "not before the text's start");
        assertTrue(Redaction.contains("m=audio\r\nA=CRYPTO:1", "a=crypto", 5));
    }
}
