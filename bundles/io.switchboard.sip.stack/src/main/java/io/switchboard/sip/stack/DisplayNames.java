package io.switchboard.sip.stack;

import java.text.ParseException;

import javax.sip.header.FromHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * Display names carried from one leg to the other as values, never as the text received: jain-sip
 * keeps a quoted display name as it read it and writes it back between quotes unchanged, so a name
 * received as {@code "Fuzz 51\<NUL>"} went out as a quoted string that never closes, and the
 * callee's answers, which echo it, could no longer be matched to the call.
 */
public final class DisplayNames {

    private DisplayNames() {
    }

    /** @return the name as a person reads it: quotes and quoted-pairs undone, control characters dropped; null if none is left */
    public static String plain(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") && !s.endsWith("\\\"")) {
            s = s.substring(1, s.length() - 1);
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 == s.length()) {
                    break;
                }
                c = s.charAt(++i);
            }
            if (c >= 0x20 && c != 0x7f) {
                sb.append(c);
            }
        }
        String plain = sb.toString().strip();
        return plain.isEmpty() ? null : plain;
    }

    /** @return the plain name escaped for the quoted-string jain-sip writes it in */
    public static String quoted(String plain) {
        return plain == null ? null : plain.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * Rewrites the display names of a received request's From and To as values, so that every
     * answer echoing them (leg A's responses are made from the request) is well formed.
     */
    public static void normalize(Request request) throws ParseException {
        for (String name : new String[] { FromHeader.NAME, ToHeader.NAME }) {
            HeaderAddress h = (HeaderAddress) request.getHeader(name);
            String raw = h == null ? null : h.getAddress().getDisplayName();
            if (raw != null) {
                String clean = quoted(plain(raw));
                if (!raw.equals(clean)) {
                    h.getAddress().setDisplayName(clean);
                }
            }
        }
    }
}
