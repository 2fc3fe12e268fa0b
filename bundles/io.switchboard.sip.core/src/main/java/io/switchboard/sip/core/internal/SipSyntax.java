package io.switchboard.sip.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The syntax checks of RFC 3261 that jain-sip's lenient parser skips, made on the raw message
 * before it parses it (RFC 4475 section 3.1.2 lists them): extra whitespace in the request line,
 * a SIP version other than 2.0, single-value headers given twice, an unquoted display name that
 * is not a run of tokens, whitespace inside the angle brackets of a name-addr, and a Date that is
 * not in GMT. One pass over the header bytes; the body is not read.
 */
final class SipSyntax {

    /** What a check found; {@code unsupportedVersion} is set when the only problem is the version. */
    record Verdict(String problem, String unsupportedVersion) {
    }

    static final Verdict OK = new Verdict(null, null);

    /** Headers that RFC 3261 (section 7.3, table 2 of section 20) allows once, by full and compact name. */
    private static final Map<String, String> SINGLE = new HashMap<>();

    static {
        for (String[] names : new String[][] { { "from", "f" }, { "to", "t" }, { "call-id", "i" }, { "cseq" },
                { "max-forwards" }, { "content-length", "l" }, { "content-type", "c" } }) {
            for (String n : names) {
                SINGLE.put(n, names[0]);
            }
        }
    }

    private SipSyntax() {
    }

    static Verdict check(byte[] message) {
        String text = new String(message, 0, headerEnd(message), StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length() && (text.charAt(at) == '\r' || text.charAt(at) == '\n')) {
            at++; // CRLFs before the start line are ignored (RFC 3261 7.5), keep-alives are only that
        }
        if (at == text.length()) {
            return OK;
        }
        int eol = lineEnd(text, at);
        String first = text.substring(at, eol);
        if (first.startsWith("SIP/")) {
            return OK; // a response: jain-sip checks its status line, and a bad one is dropped
        }
        String[] parts = first.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()
                || first.indexOf('\t') >= 0) {
            return new Verdict("Request line must be 'Method SP Request-URI SP SIP-Version', single spaces", null);
        }
        String unsupported = null;
        if (!parts[2].equalsIgnoreCase("SIP/2.0")) {
            if (!parts[2].toUpperCase(Locale.ROOT).matches("SIP/\\d+\\.\\d+")) {
                return new Verdict("Not a SIP version: " + parts[2], null);
            }
            unsupported = parts[2];
        }
        String problem = headers(text, next(text, eol));
        if (problem != null) {
            return new Verdict(problem, null);
        }
        return unsupported == null ? OK : new Verdict(null, unsupported);
    }

    /** @return the problem of the header section starting at {@code from}, or null */
    private static String headers(String text, int from) {
        Map<String, Integer> seen = new HashMap<>();
        int at = from;
        while (at < text.length()) {
            // a header is its line and every continuation line (starting with SP or HTAB)
            int end = lineEnd(text, at);
            if (end == at) {
                break; // the empty line: end of headers
            }
            StringBuilder header = new StringBuilder().append(text, at, end);
            at = next(text, end);
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                end = lineEnd(text, at);
                header.append(' ').append(text, at, end);
                at = next(text, end);
            }
            int colon = header.indexOf(":");
            if (colon <= 0) {
                continue; // jain-sip decides about a line that is no header
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            String single = SINGLE.get(name);
            if (single != null && seen.merge(single, 1, Integer::sum) > 1) {
                return "Header " + single + " appears more than once";
            }
            String problem = switch (single == null ? name : single) {
                case "from", "to" -> nameAddr(single, value, true);
                case "contact", "m", "route", "record-route", "reply-to" -> nameAddr(name, value, false);
                case "date" -> value.endsWith("GMT") ? null : "Date must be in GMT";
                default -> null;
            };
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * Checks name-addr values: no whitespace just inside the angle brackets (RFC 3261 25.1: LAQUOT
     * and RAQUOT take whitespace only outside), and for From and To a display name that is quoted
     * or a run of tokens.
     */
    private static String nameAddr(String header, String value, boolean displayName) {
        boolean quoted = false;
        boolean angle = false;
        int laquot = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (angle) {
                if (c == '>') {
                    if (Character.isWhitespace(value.charAt(i - 1))) {
                        return "Whitespace before '>' in " + header;
                    }
                    angle = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                if (i + 1 < value.length() && Character.isWhitespace(value.charAt(i + 1))) {
                    return "Whitespace after '<' in " + header;
                }
                angle = true;
                if (laquot < 0) {
                    laquot = i;
                }
            }
        }
        if (displayName && laquot > 0) {
            String name = value.substring(0, laquot).strip();
            if (!name.startsWith("\"") && !tokens(name)) {
                return "Display name of " + header + " must be quoted: " + name;
            }
        }
        return null;
    }

    /** display-name = *(token LWS): token characters and whitespace only (RFC 3261 25.1). */
    private static boolean tokens(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean token = c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0);
            if (!token && c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** @return the index of the blank line that ends the headers, or the length when there is none */
    private static int headerEnd(byte[] m) {
        for (int i = 0; i + 1 < m.length; i++) {
            if (m[i] == '\n' && (m[i + 1] == '\n' || (m[i + 1] == '\r' && i + 2 < m.length && m[i + 2] == '\n'))) {
                // keep leading CRLFs (keep-alives, RFC 3261 7.5) in front of the start line
                boolean onlyBreaksBefore = true;
                for (int j = 0; j < i && onlyBreaksBefore; j++) {
                    onlyBreaksBefore = m[j] == '\r' || m[j] == '\n';
                }
                if (!onlyBreaksBefore) {
                    return i + 1;
                }
            }
        }
        return m.length;
    }

    private static int lineEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    /** @return the start of the line after the line break at {@code eol} */
    private static int next(String s, int eol) {
        if (eol < s.length() && s.charAt(eol) == '\r') {
            eol++;
        }
        return eol < s.length() && s.charAt(eol) == '\n' ? eol + 1 : eol;
    }
}
