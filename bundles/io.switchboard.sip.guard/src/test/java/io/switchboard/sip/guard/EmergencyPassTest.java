package io.switchboard.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The way through a lockout: only emergency calls' packets, and at the rate. */
class EmergencyPassTest {

    private final EmergencyPass pass = new EmergencyPass(
            uri -> uri.startsWith("sip:911@") || uri.equals("urn:service:sos"), () -> 6);

    private static byte[] packet(String startLine, String callId) {
        return (startLine + "\r\nVia: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1\r\nCall-ID: " + callId
                + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private boolean passes(InetAddress from, String startLine, String callId, long now) {
        byte[] p = packet(startLine, callId);
        return pass.passes(from, p, 0, p.length, now);
    }

    @Test
    void anEmergencyCallsDialogPassesAndNothingElse() throws Exception {
        InetAddress phone = InetAddress.getByName("192.0.2.7");
        assertFalse(passes(phone, "REGISTER sip:example.com SIP/2.0", "reg-1", 0), "a REGISTER stays locked out");
        assertFalse(passes(phone, "INVITE sip:+14155550100@example.com SIP/2.0", "call-1", 0), "so does any other call");
        assertTrue(passes(phone, "INVITE sip:911@example.com;user=phone SIP/2.0", "sos-1", 0));
        assertTrue(passes(phone, "ACK sip:911@example.com SIP/2.0", "sos-1", 10), "the ACK of its challenge");
        assertTrue(passes(phone, "SIP/2.0 200 OK", "sos-1", 20), "an answer to the switch's BYE");
        assertTrue(pass.known("BYE sip:switch SIP/2.0\r\ni: sos-1\r\n"), "the compact form of Call-ID too");
        assertTrue(passes(phone, "INVITE urn:service:sos SIP/2.0", "sos-2", 30), "the service URN");
        assertFalse(passes(phone, "BYE sip:x SIP/2.0", "call-1", 40), "a dialog it never let through");
    }

    @Test
    void aFloodThatDialsTheEmergencyNumberMeetsTheRate() throws Exception {
        InetAddress flood = InetAddress.getByName("198.51.100.9");
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            passed += passes(flood, "INVITE sip:911@example.com SIP/2.0", "f-" + i, 1_000) ? 1 : 0;
        }
        assertEquals(6, passed, "six a minute");
        assertTrue(passes(flood, "INVITE sip:911@example.com SIP/2.0", "later", 1_000 + 10_000),
                "one more ten seconds later");
        assertTrue(passes(InetAddress.getByName("198.51.100.10"), "INVITE sip:911@x SIP/2.0", "other", 1_000),
                "another address has its own rate");
    }

    @Test
    void callIdIsReadInEitherForm() {
        assertEquals("abc@host", EmergencyPass.callId("INVITE x SIP/2.0\r\nCALL-ID:  abc@host \r\n\r\n"));
        assertEquals("x1", EmergencyPass.callId("INVITE x SIP/2.0\ni:x1\n"));
        assertEquals(null, EmergencyPass.callId("INVITE x SIP/2.0\r\nTo: a\r\n\r\nCall-ID: in-the-body\r\n"));
    }
}
