package io.switchboard.sip.stack;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ContactParser;
import gov.nist.javax.sip.parser.HeaderParser;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.parser.ViaParser;
import io.switchboard.sip.ladder.Wire;

/**
 * The directly made header parsers against jain-sip's own way of making them: the same parser class
 * for every header line of the RFC 4475 torture corpus and of hand-made messages, and the same
 * parsed message (or the same failure) for every message.
 */
class StrictMessageParserTest {

    private static final Path CORPUS = Path.of("../../tests/io.switchboard.server.it/src/test/resources/rfc4475");

    /** Compact forms, odd case and spacing, credentials and routes: what phones and carriers send. */
    private static final List<String> BY_HAND = List.of("""
            REGISTER sip:switchboard SIP/2.0\r
            v: SIP/2.0/UDP 192.0.2.7:5062;branch=z9hG4bK-1;rport\r
            f: <sip:alice@switchboard>;tag=a1\r
            t: <sip:alice@switchboard>\r
            i: reg-1@192.0.2.7\r
            CSeq: 2 REGISTER\r
            m: <sip:alice@192.0.2.7:5062;transport=udp>;expires=3600;q=0.8, <sip:alice@[2001:db8::7]:5062>\r
            MAX-FORWARDS: 70\r
            Authorization: Digest username="alice", realm="switchboard", nonce="abc", uri="sip:switchboard", \
            response="0123456789abcdef0123456789abcdef", algorithm=MD5, qop=auth, cnonce="x", nc=00000001\r
            User-Agent: Yealink SIP-T46S 66.86.0.15\r
            k: path, gruu\r
            Expires : 3600\r
            l: 0\r
            \r
            """, """
            INVITE sip:+15550100000@switchboard SIP/2.0\r
            Via: SIP/2.0/TCP carrier.example:5060;branch=z9hG4bK-2\r
            Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bK-1;received=198.51.100.9\r
            From: "Carrier" <sip:+442071234567@carrier.example>;tag=c1\r
            To: <sip:+15550100000@switchboard>\r
            Call-ID: inv-1\r
            CSeq: 1 INVITE\r
            Contact: <sip:gw@198.51.100.1>\r
            Record-Route: <sip:proxy.example;lr>\r
            Route: <sip:switchboard;lr>\r
            Proxy-Authorization: Digest username="bob", realm="switchboard", nonce="n", uri="sip:x", response="r"\r
            Allow: INVITE, ACK, BYE, CANCEL\r
            Supported: timer\r
            P-Asserted-Identity: <sip:+442071234567@carrier.example>\r
            Subject: hello\r
            c: application/sdp\r
            Content-Length: 4\r
            \r
            v=0
            """, """
            SIP/2.0 401 Unauthorized\r
            Via: SIP/2.0/UDP 192.0.2.7:5062;branch=z9hG4bK-1;rport=5062;received=192.0.2.7\r
            From: <sip:alice@switchboard>;tag=a1\r
            To: <sip:alice@switchboard>;tag=s1\r
            Call-ID: reg-1@192.0.2.7\r
            CSeq: 1 REGISTER\r
            WWW-Authenticate: Digest realm="switchboard", nonce="n1", algorithm=SHA-256, qop="auth"\r
            Proxy-Authenticate: Digest realm="carrier", nonce="n2", algorithm=MD5\r
            Content-Length: 0\r
            \r
            """);

    @Test
    void sameParserClassAsJainSipForEveryHeaderLine() throws Exception {
        int direct = 0;
        for (String message : messages()) {
            for (String line : headerLines(message)) {
                HeaderParser ours = StrictMessageParser.DirectHeaderParsers.parserOf(line);
                if (ours != null) {
                    direct++;
                    assertEquals(ParserFactory.createParser(line + "\n").getClass(), ours.getClass(), line);
                }
            }
        }
        assertTrue(direct > 300, "the common headers are made directly (" + direct + ")");
        assertInstanceOf(ViaParser.class, StrictMessageParser.DirectHeaderParsers.parserOf("v : SIP/2.0/UDP h"));
        assertInstanceOf(ContactParser.class, StrictMessageParser.DirectHeaderParsers.parserOf("CONTACT: <sip:h>"));
        assertNull(StrictMessageParser.DirectHeaderParsers.parserOf("P-Asserted-Identity: <sip:h>"));
        assertNull(StrictMessageParser.DirectHeaderParsers.parserOf("no colon"));
    }

    @Test
    void sameMessageOrSameFailureAsJainSip() throws Exception {
        int parsed = 0;
        int failed = 0;
        for (String message : messages()) {
            byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
            String theirs = outcome(new StringMsgParser(), bytes);
            String ours = outcome(new StrictMessageParser.DirectHeaderParsers(), bytes);
            assertEquals(theirs, ours, message);
            if (ours.startsWith("failed")) {
                failed++;
            } else {
                parsed++;
            }
        }
        assertTrue(parsed > 40 && failed > 0, parsed + " parsed, " + failed + " failed");
    }

    private static String outcome(StringMsgParser parser, byte[] message) {
        try {
            SIPMessage m = parser.parseSIPMessage(message, true, false, null);
            return m == null ? "null" : m.encode();
        } catch (ParseException e) {
            // jain-sip's messages may name a char[] by its identity hash
            return "failed: " + String.valueOf(e.getMessage()).replaceAll("\\[C@\\p{XDigit}+", "[C@");
        }
    }

    private static List<String> messages() throws Exception {
        List<String> out = new ArrayList<>(BY_HAND);
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".dat")).sorted().toList()) {
                out.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        assertEquals(BY_HAND.size() + 49, out.size(), "the whole corpus in " + CORPUS.toAbsolutePath());
        return out;
    }

    /** The header lines of a message's head, folded lines joined. */
    private static List<String> headerLines(String message) {
        int end = message.indexOf("\r\n\r\n");
        String head = end < 0 ? message : message.substring(0, end);
        String[] lines = head.split("\r?\n");
        List<String> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!out.isEmpty() && (lines[i].startsWith(" ") || lines[i].startsWith("\t"))) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + lines[i].trim());
            } else if (!lines[i].isEmpty()) {
                out.add(lines[i]);
            }
        }
        return out;
    }

    @Test
    void parseErrorsNameNoInternals() {
        assertEquals("End of buffer", StrictMessageParser.readable("[C@65fe9f1 getNextChar: End of buffer"));
        assertEquals("malformed message", StrictMessageParser.readable(null));
        assertEquals("bad ? header", StrictMessageParser.readable("bad \u0000 header"));
    }

    /** A received message keeps its bytes as they came (the ladder's text), compact headers and all. */
    @Test
    void keepsTheBytesAMessageCameAs() throws Exception {
        StrictMessageParser parser = new StrictMessageParser();
        for (String text : List.of(BY_HAND.get(0), "SIP/2.0 180 Ringing\r\nv: SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK-1\r\n"
                + "f: <sip:a@x>;tag=1\r\nt: <sip:b@x>;tag=2\r\ni: c1\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            SIPMessage message = parser.parseSIPMessage(bytes, true, false, null);
            Wire wire = assertInstanceOf(Wire.class, message);
            assertEquals(text, new String(wire.wire(), StandardCharsets.UTF_8));
            assertTrue(!message.toString().equals(text), "encoded again, compact headers are written out in full");
        }
        byte[] old = BY_HAND.get(0).replace("REGISTER sip:switchboard SIP/2.0", "REGISTER sip:switchboard SIP/3.0")
                .getBytes(StandardCharsets.UTF_8);
        SIPMessage other = parser.parseSIPMessage(old, true, false, null);
        assertEquals(new String(old, StandardCharsets.UTF_8),
                new String(((Wire) other).wire(), StandardCharsets.UTF_8));
    }
}
