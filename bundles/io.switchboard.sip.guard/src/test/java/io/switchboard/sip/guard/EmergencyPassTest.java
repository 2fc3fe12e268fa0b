package io.switchboard.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The way through a lockout: only emergency calls' packets, and at the rate; never a key for anything else. */
class EmergencyPassTest {

    private static final String TAGGED = "To: <sip:911@example.com>;tag=sw-1";
    private static final String UNTAGGED = "To: <sip:911@example.com>";

    private final EmergencyPass pass = new EmergencyPass(
            uri -> uri.startsWith("sip:911@") || uri.equals("urn:service:sos"), () -> 60);

    private static byte[] packet(String startLine, String callId, String to) {
        return (startLine + "\r\nVia: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-1\r\n" + to + "\r\nCall-ID: " + callId
                + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private boolean passes(InetAddress from, String startLine, String callId, String to, long now) {
        byte[] p = packet(startLine, callId, to);
        return pass.passes(from, p, 0, p.length, now);
    }

    private boolean passes(InetAddress from, String startLine, String callId, long now) {
        return passes(from, startLine, callId, UNTAGGED, now);
    }

    @Test
    void anEmergencyCallsDialogPassesAndNothingElse() throws Exception {
        InetAddress phone = InetAddress.getByName("192.0.2.7");
        assertFalse(passes(phone, "REGISTER sip:example.com SIP/2.0", "reg-1", 0), "a REGISTER stays locked out");
        assertFalse(passes(phone, "INVITE sip:+14155550100@example.com SIP/2.0", "call-1", 0), "so does any other call");
        assertTrue(passes(phone, "INVITE sip:911@example.com;user=phone SIP/2.0", "sos-1", 0));
        assertTrue(passes(phone, "ACK sip:911@example.com SIP/2.0", "sos-1", TAGGED, 10), "the ACK of its challenge");
        assertTrue(passes(phone, "INVITE sip:911@example.com SIP/2.0", "sos-1", 15), "the INVITE with credentials");
        assertTrue(passes(phone, "CANCEL sip:911@example.com SIP/2.0", "sos-1", 16), "its CANCEL");
        assertTrue(passes(phone, "SIP/2.0 200 OK", "sos-1", 20), "an answer to the switch's BYE");
        assertTrue(passes(phone, "BYE sip:switch SIP/2.0", "sos-1", TAGGED, 21), "its BYE");
        assertTrue(passes(phone, "INVITE sip:switch SIP/2.0", "sos-1", TAGGED, 22), "a re-INVITE in its dialog");
        assertTrue(pass.known(phone, "BYE sip:switch SIP/2.0\r\ni: sos-1\r\nt: <sip:911@x>;tag=a\r\n"),
                "the compact forms of Call-ID and To too");
        assertTrue(passes(phone, "INVITE urn:service:sos SIP/2.0", "sos-2", 30), "the service URN");
        assertFalse(passes(phone, "BYE sip:x SIP/2.0", "call-1", TAGGED, 40), "a dialog it never let through");
    }

    /** The review's attack: the Call-ID of a 911 INVITE used as a key for REGISTER and everything else. */
    @Test
    void theCallIdOfAnEmergencyCallIsNoKey() throws Exception {
        InetAddress guesser = InetAddress.getByName("192.0.2.66");
        assertTrue(passes(guesser, "INVITE sip:911@example.com SIP/2.0", "sos-key", 0));
        for (String method : new String[] { "REGISTER", "SUBSCRIBE", "MESSAGE", "OPTIONS", "PUBLISH", "NOTIFY", "REFER",
                "register", "invite", "bye", "Ack" }) {
            for (String to : new String[] { UNTAGGED, TAGGED }) {
                assertFalse(passes(guesser, method + " sip:example.com SIP/2.0", "sos-key", to, 10), method + " " + to);
                assertFalse(pass.known(guesser, method + " sip:example.com SIP/2.0\r\ni: sos-key\r\n" + to + "\r\n"),
                        method + " " + to + " read after parsing");
            }
        }
        assertFalse(passes(guesser, "BYE sip:switch SIP/2.0", "sos-key", 20), "a BYE without the switch's To-tag");
        assertFalse(passes(guesser, "INVITE sip:alice@example.com SIP/2.0", "sos-key", 20),
                "an INVITE elsewhere outside the dialog");
        assertFalse(passes(InetAddress.getByName("192.0.2.67"), "BYE sip:switch SIP/2.0", "sos-key", TAGGED, 30),
                "another address with the same Call-ID");
        assertFalse(passes(guesser, "REGISTER sip:example.com SIP/2.0", "sos-key", 40));
    }

    @Test
    void aFloodThatDialsTheEmergencyNumberMeetsTheRate() throws Exception {
        EmergencyPass six = new EmergencyPass(uri -> uri.startsWith("sip:911@"), () -> 6);
        InetAddress flood = InetAddress.getByName("198.51.100.9");
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            byte[] p = packet("INVITE sip:911@example.com SIP/2.0", "f-" + i, UNTAGGED);
            passed += six.passes(flood, p, 0, p.length, 1_000) ? 1 : 0;
        }
        assertEquals(6, passed, "six a minute");
        byte[] later = packet("INVITE sip:911@example.com SIP/2.0", "later", UNTAGGED);
        assertTrue(six.passes(flood, later, 0, later.length, 1_000 + 10_000), "one more ten seconds later");
        byte[] other = packet("INVITE sip:911@x SIP/2.0", "other", UNTAGGED);
        assertTrue(six.passes(InetAddress.getByName("198.51.100.10"), other, 0, other.length, 1_000),
                "another address has its own rate");
    }

    @Test
    void onlyTheHeadIsRead() throws Exception {
        InetAddress phone = InetAddress.getByName("192.0.2.8");
        assertTrue(passes(phone, "INVITE sip:911@x SIP/2.0", "x1", 0));
        assertTrue(pass.known(phone, "BYE x SIP/2.0\nCALL-ID:  x1 \nTO: <sip:a>; TAG = b\n"), "any case, any spaces");
        assertFalse(pass.known(phone, "BYE x SIP/2.0\r\nTo: a\r\n\r\nCall-ID: x1\r\n"), "a Call-ID in the body");
    }
}
