package io.switchboard.sip.stack;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.AllowParser;
import gov.nist.javax.sip.parser.AuthorizationParser;
import gov.nist.javax.sip.parser.CSeqParser;
import gov.nist.javax.sip.parser.CallIDParser;
import gov.nist.javax.sip.parser.ContactParser;
import gov.nist.javax.sip.parser.ContentLengthParser;
import gov.nist.javax.sip.parser.ContentTypeParser;
import gov.nist.javax.sip.parser.ExpiresParser;
import gov.nist.javax.sip.parser.FromParser;
import gov.nist.javax.sip.parser.HeaderParser;
import gov.nist.javax.sip.parser.MaxForwardsParser;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.ProxyAuthenticateParser;
import gov.nist.javax.sip.parser.ProxyAuthorizationParser;
import gov.nist.javax.sip.parser.RecordRouteParser;
import gov.nist.javax.sip.parser.RouteParser;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.parser.SupportedParser;
import gov.nist.javax.sip.parser.ToParser;
import gov.nist.javax.sip.parser.UserAgentParser;
import gov.nist.javax.sip.parser.ViaParser;
import gov.nist.javax.sip.parser.WWWAuthenticateParser;

/**
 * jain-sip's own parser behind the checks of {@link SipSyntax}: a message they refuse is a parse
 * error to the stack, which answers a request with 400 when it can find the headers a response
 * needs and drops it otherwise (RFC 4475 3.1.2 allows either). A request of another SIP version
 * is parsed as 2.0 and marked with {@link UnsupportedVersion}, so that the switch answers it 505.
 */
public final class StrictMessageParser implements MessageParser {

    /** Marks a request whose request line named another SIP version (its application data). */
    public record UnsupportedVersion(String version) {
    }

    public static final MessageParserFactory FACTORY = stack -> new StrictMessageParser();

    private static final LongAdder MALFORMED = new LongAdder();

    private final StringMsgParser parser = new DirectHeaderParsers();

    /** @return the messages refused as malformed since the start: a counter, not a log line each */
    public static long malformed() {
        return MALFORMED.sum();
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] message, boolean readBody, boolean strict,
            ParseExceptionListener listener) throws ParseException {
        try {
            return parse(message, readBody, strict, listener);
        } catch (ParseException e) {
            MALFORMED.increment();
            throw e;
        }
    }

    private SIPMessage parse(byte[] message, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        SipSyntax.Verdict verdict = SipSyntax.check(message);
        if (verdict.problem() != null) {
            throw new ParseException(verdict.problem(), 0);
        }
        if (verdict.unsupportedVersion() == null) {
            try {
                return parser.parseSIPMessage(message, readBody, strict, listener);
            } catch (ParseException e) {
                throw new ParseException(readable(e.getMessage()), e.getErrorOffset());
            }
        }
        SIPMessage parsed;
        try {
            parsed = parser.parseSIPMessage(asVersion2(message, verdict.unsupportedVersion()), readBody, strict,
                    listener);
        } catch (ParseException e) {
            throw new ParseException(readable(e.getMessage()), e.getErrorOffset());
        }
        if (parsed != null) {
            parsed.setApplicationData(new UnsupportedVersion(verdict.unsupportedVersion()));
            if (parsed instanceof SentByRequest request) {
                request.wire(message); // as it came, with its version
            }
        }
        return parsed;
    }

    /**
     * The stack puts a parse error's message into its 400's reason phrase; jain-sip's own messages
     * can name its internals ({@code [C@65fe9f1 getNextChar: End of buffer}), which no peer should
     * read. They are cut to printable text without them.
     */
    public static String readable(String message) {
        if (message == null) {
            return "malformed message";
        }
        String m = message.replaceAll("\\[C@[0-9a-fA-F]+", "").replaceAll("\\b(getNextChar|lexer|Lexer)\\b:?", "")
                .replaceAll("[^\\x20-\\x7e]", "?").replaceAll("\\s+", " ").strip();
        if (m.isEmpty()) {
            return "malformed message";
        }
        return m.length() > 100 ? m.substring(0, 100) : m;
    }

    /**
     * jain-sip's message parser, except that the parsers of the headers every request carries are
     * made directly. jain-sip makes every header's parser reflectively (ParserFactory: a table lookup,
     * then Constructor.newInstance with its access check), 5 % of the server's CPU at 5,000 REGISTER/s
     * in JFR; made directly, parsing takes about 4 % less time (releng/bench-sip-parse.sh,
     * docs/benchmarks.md). Same parsers, same result: a header that fails here (or any other header)
     * goes through jain-sip's own path, which reports the failure as it always does.
     */
    static final class DirectHeaderParsers extends StringMsgParser {

        /**
         * A request becomes a {@link SentByRequest} (its transaction is its branch and its sent-by), a
         * response a {@link WireResponse}; both keep the bytes they came as, for the ladder.
         */
        @Override
        protected SIPMessage processFirstLine(String firstLine, ParseExceptionListener listener, byte[] raw)
                throws ParseException {
            SIPMessage message = super.processFirstLine(firstLine, listener, raw);
            if (message instanceof SIPRequest request && !(message instanceof SentByRequest)) {
                SentByRequest sentBy = new SentByRequest();
                sentBy.setRequestLine(request.getRequestLine());
                sentBy.wire(raw);
                return sentBy;
            }
            if (message instanceof SIPResponse response && !(message instanceof WireResponse)) {
                WireResponse wire = new WireResponse();
                wire.setStatusLine(response.getStatusLine());
                wire.wire(raw);
                return wire;
            }
            return message;
        }

        @Override
        protected void processHeader(String header, SIPMessage message, ParseExceptionListener listener, byte[] raw)
                throws ParseException {
            HeaderParser direct = header == null ? null : parserOf(header);
            if (direct != null) {
                try {
                    message.attachHeader(direct.parse(), false);
                    return;
                } catch (ParseException e) {
                    // nothing was attached: jain-sip's path fails the same way and reports it
                }
            }
            super.processHeader(header, message, listener, raw);
        }

        /**
         * The parsers by header name: the lower-case and compact names, and the spellings of RFC 3261
         * that nearly every agent sends, so that the usual header is found without lower-casing
         * its name first (2 % of the SIP threads' time at 4,000 REGISTER/s in JFR).
         */
        private static final Map<String, Function<String, HeaderParser>> PARSERS = parsers();

        private static Map<String, Function<String, HeaderParser>> parsers() {
            Map<String, Function<String, HeaderParser>> byName = new HashMap<>();
            BiConsumer<String, Function<String, HeaderParser>> add = (names, parser) -> {
                for (String name : names.split(" ")) {
                    byName.put(name, parser);
                    byName.put(name.toLowerCase(Locale.ROOT), parser);
                }
            };
            add.accept("Via v", ViaParser::new);
            add.accept("From f", FromParser::new);
            add.accept("To t", ToParser::new);
            add.accept("Call-ID i", CallIDParser::new);
            add.accept("CSeq", CSeqParser::new);
            add.accept("Contact m", ContactParser::new);
            add.accept("Max-Forwards", MaxForwardsParser::new);
            add.accept("Content-Length l", ContentLengthParser::new);
            add.accept("Content-Type c", ContentTypeParser::new);
            add.accept("Expires", ExpiresParser::new);
            add.accept("Authorization", AuthorizationParser::new);
            add.accept("Proxy-Authorization", ProxyAuthorizationParser::new);
            add.accept("WWW-Authenticate", WWWAuthenticateParser::new);
            add.accept("Proxy-Authenticate", ProxyAuthenticateParser::new);
            add.accept("User-Agent", UserAgentParser::new);
            add.accept("Allow", AllowParser::new);
            add.accept("Supported k", SupportedParser::new);
            add.accept("Route", RouteParser::new);
            add.accept("Record-Route", RecordRouteParser::new);
            return Map.copyOf(byName);
        }

        /** @return the parser jain-sip's ParserFactory would make for this header, or null for the rarer ones */
        static HeaderParser parserOf(String header) {
            int colon = header.indexOf(':');
            if (colon < 1) {
                return null;
            }
            String name = header.substring(0, colon).trim();
            Function<String, HeaderParser> parser = PARSERS.get(name);
            if (parser == null) {
                parser = PARSERS.get(name.toLowerCase(Locale.ROOT));
            }
            return parser == null ? null : parser.apply(header + "\n");
        }
    }

    /** Far enough below zero that no drift brings it back up between two resets. */
    static final int QUIET_NESTING_LEVEL = -1_000_000_000;

    /**
     * Works around a jain-sip 1.3 defect that made parsing slower the longer the switch ran. Its
     * parsers call ParserCore.dbg_enter and dbg_leave around every address, parameter and
     * credentials header, debugging on or off, and each builds a string of as many characters as the
     * static ParserCore.nesting_level. Every parsing thread increments and decrements that counter
     * without synchronisation, so lost updates make it drift; under load it drifted into the
     * thousands and these two methods took a quarter of the CPU at 7,000 REGISTER/s (JFR, see
     * docs/benchmarks.md). Far below zero both loops are empty. The drift is a random walk, so the
     * switch sets the level again now and then.
     *
     * @return whether the counter was found and set (false: another jain-sip, nothing done)
     */
    public static boolean quietParserNesting() {
        for (Class<?> c = HeaderParser.class; c != null; c = c.getSuperclass()) {
            try {
                Field level = c.getDeclaredField("nesting_level");
                level.setAccessible(true);
                level.setInt(null, QUIET_NESTING_LEVEL);
                return true;
            } catch (NoSuchFieldException e) {
                // up to the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    /** The message with "SIP/2.0" for the version of its request line and its Via headers. */
    private static byte[] asVersion2(byte[] message, String version) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\r') >= 0 ? text.indexOf('\r') : text.indexOf('\n');
        String head = eol < 0 ? text : text.substring(0, eol);
        String rest = eol < 0 ? "" : text.substring(eol);
        int v = head.lastIndexOf(version);
        head = head.substring(0, v) + "SIP/2.0" + head.substring(v + version.length());
        rest = rest.replace(version + "/", "SIP/2.0/");
        return (head + rest).getBytes(StandardCharsets.ISO_8859_1);
    }
}
