package io.switchboard.sip.core.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * SIP message parsing: jain-sip's own parser against the switch's ({@link StrictMessageParser}: the
 * syntax checks of SipSyntax, then jain-sip's parser with directly made header parsers), on the
 * messages a registering phone and a call set-up send, and jain-sip's parser with only the direct
 * header parsers. Rounds alternate between them, in one JVM on one thread; the report gives the
 * best round of each. Run by releng/bench-sip-parse.sh.
 */
public final class SipParseBench {

    private static final String REGISTER = """
            REGISTER sip:127.0.0.1:5060 SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-1-0\r
            Max-Forwards: 70\r
            From: <sip:reg1@127.0.0.1>;tag=1reg1\r
            To: <sip:reg1@127.0.0.1>\r
            Call-ID: 1-4242@127.0.0.1\r
            CSeq: 1 REGISTER\r
            Contact: <sip:reg1@127.0.0.1:5061>\r
            Expires: 3600\r
            User-Agent: SIPp registrar test\r
            Content-Length: 0\r
            \r
            """;

    /** The phone's answer to the challenge: the same REGISTER with its next CSeq and credentials. */
    private static final String REGISTER_WITH_DIGEST = REGISTER.replace("branch=z9hG4bK-1-1-0", "branch=z9hG4bK-1-1-2")
            .replace("CSeq: 1 REGISTER", "CSeq: 2 REGISTER").replace("Expires: 3600\r\n", "Expires: 3600\r\n"
                    + "Authorization: Digest username=\"reg1\",realm=\"switchboard\",uri=\"sip:127.0.0.1:5060\","
                    + "nonce=\"AAABmq1Yf2sAAAAA3f8eV0cRm1E9uQ\",response=\"6629fae49393a05397450978507c4ef1\","
                    + "algorithm=MD5,cnonce=\"6b8b4567\",qop=auth,nc=00000001\r\n");

    private static final List<String> MESSAGES = List.of(REGISTER, REGISTER_WITH_DIGEST, """
            INVITE sip:+15550100000@127.0.0.1:5060 SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-3-1-0\r
            From: sipp <sip:sipp@127.0.0.1:5062>;tag=3\r
            To: <sip:+15550100000@127.0.0.1:5060>\r
            Call-ID: 3-4242@127.0.0.1\r
            CSeq: 1 INVITE\r
            Contact: sip:sipp@127.0.0.1:5062\r
            Max-Forwards: 70\r
            Subject: Performance Test\r
            Content-Type: application/sdp\r
            Content-Length: 129\r
            \r
            v=0\r
            o=user1 53655765 2353687637 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6000 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            """);

    public static void main(String[] args) throws Exception {
        if (!REGISTER_WITH_DIGEST.contains("Authorization: Digest") || !REGISTER_WITH_DIGEST.contains("CSeq: 2")) {
            throw new IllegalStateException("the REGISTER with digest was not made: " + REGISTER_WITH_DIGEST);
        }
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        byte[][] messages = MESSAGES.stream().map(m -> m.getBytes(StandardCharsets.ISO_8859_1)).toArray(byte[][]::new);
        StrictMessageParser.quietParserNesting();
        long bestJain = Long.MAX_VALUE;
        long bestOurs = Long.MAX_VALUE;
        long bestDirect = Long.MAX_VALUE;
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            sink += parse(new StringMsgParser(), messages, perRound);
            long t1 = System.nanoTime();
            sink += parse(new StrictMessageParser(), messages, perRound);
            long t2 = System.nanoTime();
            sink += parse(new StrictMessageParser.DirectHeaderParsers(), messages, perRound);
            long t3 = System.nanoTime();
            StrictMessageParser.quietParserNesting();
            System.out.printf("round %d: jain-sip %,d ns per message, switchboard %,d ns (of which jain-sip with "
                    + "direct header parsers %,d ns)%n", r + 1, (t1 - t0) / perRound, (t2 - t1) / perRound,
                    (t3 - t2) / perRound);
            if (r > 0) { // the first round warms both up
                bestJain = Math.min(bestJain, (t1 - t0) / perRound);
                bestOurs = Math.min(bestOurs, (t2 - t1) / perRound);
                bestDirect = Math.min(bestDirect, (t3 - t2) / perRound);
            }
        }
        System.out.printf("best rounds: jain-sip StringMsgParser %,d ns per message; with direct header parsers %,d ns "
                + "(%.2fx); Switchboard's parser, syntax checks included, %,d ns (%.2fx)  [%d]%n", bestJain, bestDirect,
                (double) bestDirect / bestJain, bestOurs, (double) bestOurs / bestJain, sink % 10);
    }

    /** Parses perRound messages, cycling through them; returns a value that depends on every result. */
    private static long parse(MessageParser parser, byte[][] messages, int perRound) throws ParseException {
        long sink = 0;
        for (int i = 0; i < perRound; i++) {
            sink += parser.parseSIPMessage(messages[i % messages.length], true, false, null).getSize();
        }
        return sink;
    }
}
