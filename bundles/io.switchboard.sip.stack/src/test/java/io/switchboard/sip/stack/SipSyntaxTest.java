package io.switchboard.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;

/** The strict checks against the RFC 4475 torture corpus (the copy the server ITs send) and by hand. */
class SipSyntaxTest {

    private static final Path CORPUS = Path.of("../../tests/io.switchboard.server.it/src/test/resources/rfc4475");

    /** Invalid messages of RFC 4475 3.1.2 and 3.3 that jain-sip's parser accepts: these checks must catch them. */
    private static final Set<String> LENIENT_GAPS = Set.of("badaspec", "baddate", "baddn", "lwsstart", "trws", "mcl01",
            "multi01");
    /** Every message a server must refuse (400 or drop), by RFC 4475; only these may be flagged. */
    private static final Set<String> INVALID = Set.of("badinv01", "clerr", "ncl", "scalar02", "quotbal", "ltgtruri",
            "lwsruri", "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec", "baddn", "mismatch01",
            "mismatch02", "multi01", "mcl01", "insuf", "scalarlg");

    @Test
    void theTortureCorpus() throws Exception {
        Map<String, SipSyntax.Verdict> verdicts = new TreeMap<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            files.filter(f -> f.toString().endsWith(".dat")).forEach(f -> {
                try {
                    verdicts.put(f.getFileName().toString().replace(".dat", ""), SipSyntax.check(Files.readAllBytes(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertEquals(49, verdicts.size(), "the whole corpus in " + CORPUS.toAbsolutePath());
        for (String gap : LENIENT_GAPS) {
            assertNotNull(verdicts.get(gap).problem(), gap + " must be refused");
        }
        verdicts.forEach((name, v) -> {
            if (v.problem() != null) {
                assertTrue(INVALID.contains(name), name + " is valid by RFC 4475 but was refused: " + v.problem());
            }
        });
        assertEquals("SIP/7.0", verdicts.get("badvers").unsupportedVersion());
        assertNull(verdicts.get("badvers").problem());
        verdicts.forEach((name, v) -> assertTrue(v.unsupportedVersion() == null || name.equals("badvers"), name));
    }

    @Test
    void whatEachCheckSays() {
        assertEquals("Header cseq appears more than once", problem("CSeq: 1 OPTIONS", "CSeq: 2 OPTIONS"));
        assertEquals("Header content-length appears more than once", problem("Content-Length: 0", "l: 0"));
        assertEquals("Whitespace after '<' in to", problem("To: < sip:b@example.com>"));
        assertEquals("Whitespace before '>' in contact", problem("Contact: <sip:b@example.com >"));
        assertEquals("Display name of from must be quoted: Bell, Alexander",
                problem("From: Bell, Alexander <sip:a@example.com>;tag=1"));
        assertEquals("Date must be in GMT", problem("Date: Fri, 01 Jan 2010 16:00:00 EST"));
        assertNull(problem("From: \"Bell, Alexander\" <sip:a@example.com>;tag=1", "Date: Sat, 13 Nov 2010 23:29:00 GMT"));
        assertNull(problem("From: Alexander  Bell <sip:a@example.com>;tag=1", "Contact: <sip:a@h>, <sip:b@h>;q=0.5"));
        assertNull(problem("To: \"a<b> \" <sip:b@example.com>", "Route: <sip:p1@h;lr>,<sip:p2@h;lr>"));
        assertTrue(SipSyntax.check(bytes("OPTIONS  sip:a@h SIP/2.0\r\n\r\n")).problem().startsWith("Request line"));
        assertTrue(SipSyntax.check(bytes("OPTIONS sip:a@h SIP/2.0 \r\n\r\n")).problem().startsWith("Request line"));
        assertEquals("Not a SIP version: HTTP/1.1", SipSyntax.check(bytes("GET / HTTP/1.1\r\n\r\n")).problem());
        assertEquals(SipSyntax.OK, SipSyntax.check(bytes("\r\n\r\n")), "a keep-alive is no request");
        assertEquals(SipSyntax.OK, SipSyntax.check(bytes("SIP/2.0 200 OK\r\nCSeq: 1 A\r\nCSeq: 2 A\r\n\r\n")),
                "responses are left to jain-sip");
        // headers end at the blank line: the body is not read
        assertNull(SipSyntax.check(bytes(request("Content-Length: 13") + "CSeq: 1 MESSAGE\r\n")).problem());
    }

    @Test
    void theStackParsesWhatPassesAndMarksOtherVersions() throws Exception {
        StrictMessageParser parser = new StrictMessageParser();
        SIPMessage ok = parser.parseSIPMessage(bytes(request("Content-Length: 0")), true, false, null);
        assertInstanceOf(SIPRequest.class, ok);
        assertNull(ok.getApplicationData());
        ParseException refused = assertThrows(ParseException.class,
                () -> parser.parseSIPMessage(bytes(request("Max-Forwards: 5", "Content-Length: 0")), true, false, null));
        assertEquals("Header max-forwards appears more than once", refused.getMessage());

        SIPMessage other = parser.parseSIPMessage(Files.readAllBytes(CORPUS.resolve("badvers.dat")), true, false, null);
        assertEquals(new StrictMessageParser.UnsupportedVersion("SIP/7.0"), other.getApplicationData());
        assertEquals("badvers.31417@c.example.com", other.getCallId().getCallId());
        assertEquals("OPTIONS", ((SIPRequest) other).getMethod());
    }

    private static String problem(String... headers) {
        return SipSyntax.check(bytes(request(headers))).problem();
    }

    private static String request(String... extra) {
        StringBuilder sb = new StringBuilder("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
                + "Call-ID: c1@127.0.0.1\r\n");
        boolean hasCSeq = false;
        boolean hasFrom = false;
        boolean hasTo = false;
        for (String h : extra) {
            hasCSeq |= h.startsWith("CSeq");
            hasFrom |= h.startsWith("From");
            hasTo |= h.startsWith("To");
        }
        if (!hasFrom) {
            sb.append("From: <sip:alice@example.com>;tag=1\r\n");
        }
        if (!hasTo) {
            sb.append("To: <sip:bob@example.com>\r\n");
        }
        if (!hasCSeq) {
            sb.append("CSeq: 1 OPTIONS\r\n");
        }
        for (String h : extra) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
