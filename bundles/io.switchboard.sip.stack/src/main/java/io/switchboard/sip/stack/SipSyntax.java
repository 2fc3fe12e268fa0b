package io.switchboard.sip.stack;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The syntax checks of RFC 3261 that jain-sip's lenient parser skips, made on the raw message
 * before it parses it (RFC 4475 section 3.1.2 lists them): extra whitespace in the request line,
 * a SIP version other than 2.0, single-value headers given twice, an unquoted display name that
 * is not a run of tokens, whitespace inside the angle brackets of a name-addr, and a Date that is
 * not in GMT. One pass over the header bytes without copying them (every request goes through
 * here); the body is not read.
 */
public final class SipSyntax {

    /** What a check found; {@code unsupportedVersion} is set when the only problem is the version. */
    record Verdict(String problem, String unsupportedVersion) {
    }

    static final Verdict OK = new Verdict(null, null);

    /** Headers RFC 3261 allows once (section 7.3 and table 2 of 20), with their compact forms. */
    private static final String[][] SINGLE = { { "from", "f" }, { "to", "t" }, { "call-id", "i" }, { "cseq" },
            { "max-forwards" }, { "content-length", "l" }, { "content-type", "c" } };
    private static final int FROM = 0;
    private static final int TO = 1;
    /** Headers whose values are name-addr lists: no whitespace just inside their angle brackets. */
    private static final String[] NAME_ADDR = { "contact", "m", "route", "record-route", "reply-to" };

    private SipSyntax() {
    }

    static Verdict check(byte[] m) {
        int at = 0;
        while (at < m.length && (m[at] == '\r' || m[at] == '\n')) {
            at++; // CRLFs before the start line are ignored (RFC 3261 7.5); keep-alives are only that
        }
        if (at == m.length || regionMatchesIgnoreCase(m, at, "sip/")) {
            return OK; // nothing, or a response: jain-sip checks status lines and drops bad ones
        }
        int eol = lineEnd(m, at);
        int sp1 = indexOf(m, at, eol, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(m, sp1 + 1, eol, (byte) ' ');
        if (sp1 <= at || sp2 <= sp1 + 1 || sp2 + 1 >= eol || indexOf(m, sp2 + 1, eol, (byte) ' ') >= 0
                || indexOf(m, at, eol, (byte) '\t') >= 0) {
            return new Verdict("Request line must be 'Method SP Request-URI SP SIP-Version', single spaces", null);
        }
        String unsupported = null;
        if (!(eol - sp2 - 1 == 7 && regionMatchesIgnoreCase(m, sp2 + 1, "SIP/2.0"))) {
            String version = new String(m, sp2 + 1, eol - sp2 - 1, StandardCharsets.ISO_8859_1);
            if (!version.matches("(?i)SIP/\\d+\\.\\d+")) {
                return new Verdict("Not a SIP version: " + version, null);
            }
            unsupported = version;
        }
        String problem = headers(m, next(m, eol));
        if (problem != null) {
            return new Verdict(problem, null);
        }
        return unsupported == null ? OK : new Verdict(null, unsupported);
    }

    /** @return the problem of the header section starting at {@code from}, or null */
    private static String headers(byte[] m, int from) {
        int[] seen = new int[SINGLE.length];
        int at = from;
        while (at < m.length) {
            int end = lineEnd(m, at);
            if (end == at) {
                return null; // the empty line: end of headers
            }
            // the header's value runs on over continuation lines (starting with SP or HTAB)
            int valueEnd = end;
            int following = next(m, end);
            while (following < m.length && (m[following] == ' ' || m[following] == '\t')) {
                valueEnd = lineEnd(m, following);
                following = next(m, valueEnd);
            }
            int colon = indexOf(m, at, end, (byte) ':');
            if (colon > at) {
                int nameEnd = colon;
                while (nameEnd > at && (m[nameEnd - 1] == ' ' || m[nameEnd - 1] == '\t')) {
                    nameEnd--;
                }
                String problem = header(m, at, nameEnd, colon + 1, valueEnd, seen);
                if (problem != null) {
                    return problem;
                }
            } // a line without a colon is left to jain-sip
            at = following;
        }
        return null;
    }

    private static String header(byte[] m, int name, int nameEnd, int value, int valueEnd, int[] seen) {
        for (int i = 0; i < SINGLE.length; i++) {
            if (is(m, name, nameEnd, SINGLE[i])) {
                if (++seen[i] > 1) {
                    return "Header " + SINGLE[i][0] + " appears more than once";
                }
                return i == FROM || i == TO ? nameAddr(SINGLE[i][0], m, value, valueEnd, true) : null;
            }
        }
        if (is(m, name, nameEnd, NAME_ADDR)) {
            return nameAddr(new String(m, name, nameEnd - name, StandardCharsets.ISO_8859_1).toLowerCase(
                    Locale.ROOT), m, value, valueEnd, false);
        }
        if (nameEnd - name == 4 && regionMatchesIgnoreCase(m, name, "date")) {
            int end = valueEnd;
            while (end > value && isWhitespace(m[end - 1])) {
                end--;
            }
            return end - value >= 3 && regionMatchesIgnoreCase(m, end - 3, "GMT") ? null : "Date must be in GMT";
        }
        return null;
    }

    /**
     * Checks a name-addr value: no whitespace just inside the angle brackets (RFC 3261 25.1: LAQUOT
     * and RAQUOT take whitespace only outside), and for From and To a display name that is quoted
     * or a run of tokens.
     */
    private static String nameAddr(String header, byte[] m, int from, int to, boolean displayName) {
        boolean quoted = false;
        boolean angle = false;
        int laquot = -1;
        for (int i = from; i < to; i++) {
            byte c = m[i];
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (angle) {
                if (c == '>') {
                    if (isWhitespace(m[i - 1])) {
                        return "Whitespace before '>' in " + header;
                    }
                    angle = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                if (i + 1 < to && isWhitespace(m[i + 1])) {
                    return "Whitespace after '<' in " + header;
                }
                angle = true;
                if (laquot < 0) {
                    laquot = i;
                }
            }
        }
        if (displayName && laquot > from) {
            int start = from;
            while (start < laquot && isWhitespace(m[start])) {
                start++;
            }
            if (start < laquot && m[start] != '"' && !tokens(m, start, laquot)) {
                return "Display name of " + header + " must be quoted: "
                        + new String(m, start, laquot - start, StandardCharsets.ISO_8859_1).strip();
            }
        }
        return null;
    }

    /** display-name = *(token LWS): token characters and whitespace only (RFC 3261 25.1). */
    private static boolean tokens(byte[] m, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = m[i] & 0xff;
            boolean token = c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0);
            if (!token && !isWhitespace(m[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean is(byte[] m, int from, int to, String... names) {
        for (String n : names) {
            if (to - from == n.length() && regionMatchesIgnoreCase(m, from, n)) {
                return true;
            }
        }
        return false;
    }

    /** @param lower ASCII, lower case */
    private static boolean regionMatchesIgnoreCase(byte[] m, int at, String lower) {
        if (at + lower.length() > m.length) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            int c = m[at + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != Character.toLowerCase(lower.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static int indexOf(byte[] m, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (m[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lineEnd(byte[] m, int from) {
        int i = from;
        while (i < m.length && m[i] != '\r' && m[i] != '\n') {
            i++;
        }
        return i;
    }

    /** @return the start of the line after the line break at {@code eol} */
    private static int next(byte[] m, int eol) {
        int i = eol;
        if (i < m.length && m[i] == '\r') {
            i++;
        }
        return i < m.length && m[i] == '\n' ? i + 1 : i;
    }
}
