package io.switchboard.sip.core.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * jain-sip's own parser behind the checks of {@link SipSyntax}: a message they refuse is a parse
 * error to the stack, which answers a request with 400 when it can find the headers a response
 * needs and drops it otherwise (RFC 4475 3.1.2 allows either). A request of another SIP version
 * is parsed as 2.0 and marked with {@link UnsupportedVersion}, so that the switch answers it 505.
 */
final class StrictMessageParser implements MessageParser {

    /** Marks a request whose request line named another SIP version (its application data). */
    record UnsupportedVersion(String version) {
    }

    static final MessageParserFactory FACTORY = stack -> new StrictMessageParser();

    private final StringMsgParser parser = new StringMsgParser();

    @Override
    public SIPMessage parseSIPMessage(byte[] message, boolean readBody, boolean strict,
            ParseExceptionListener listener) throws ParseException {
        SipSyntax.Verdict verdict = SipSyntax.check(message);
        if (verdict.problem() != null) {
            throw new ParseException(verdict.problem(), 0);
        }
        if (verdict.unsupportedVersion() == null) {
            return parser.parseSIPMessage(message, readBody, strict, listener);
        }
        SIPMessage parsed = parser.parseSIPMessage(asVersion2(message, verdict.unsupportedVersion()), readBody, strict,
                listener);
        if (parsed != null) {
            parsed.setApplicationData(new UnsupportedVersion(verdict.unsupportedVersion()));
        }
        return parsed;
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
