package io.switchboard.sip.ladder;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIP message text with its secrets masked, for everything that keeps or ships a message beyond the
 * call: stored ladders, HEP exports, the stack's own log. SDES keys ({@code a=crypto} key material,
 * {@code k=} lines) decrypt the call's media, and a digest {@code response} can be replayed within
 * its nonce or guessed offline: neither may outlive the transaction that needed it.
 */
public final class Redaction {

    public static final String MASK = "********";
    private static final Pattern CRYPTO = Pattern.compile("(?im)^(a=crypto:\\s*\\S+\\s+\\S+\\s+)(\\S+)");
    private static final Pattern KEY_PARAM = Pattern.compile("(?i)(inline:)[^|\\s;]+");
    private static final Pattern K_LINE = Pattern.compile("(?im)^(k=)[^\\r\\n]*");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?im)^((?:proxy-)?authorization\\s*:[^\\r\\n]*?\\bresponse\\s*=\\s*\"?)([^\",\\s]*)");

    private Redaction() {
    }

    /** @return the message text with SDES keys and digest responses masked; null stays null */
    public static String redact(String message) {
        if (message == null || message.indexOf('=') < 0) {
            return message;
        }
        // each pattern is tried only where its text occurs: three regular expressions over every
        // message of every call took a tenth of the switch's CPU per call (docs/benchmarks.md)
        String out = message;
        Matcher crypto = CRYPTO.matcher(out);
        if (contains(out, "a=crypto", 5) && crypto.find()) {
            StringBuilder sb = new StringBuilder();
            crypto.reset();
            while (crypto.find()) {
                crypto.appendReplacement(sb, Matcher.quoteReplacement(crypto.group(1)
                        + KEY_PARAM.matcher(crypto.group(2)).replaceAll("$1" + MASK)));
            }
            out = crypto.appendTail(sb).toString();
        }
        if (out.startsWith("k=") || out.startsWith("K=") || out.contains("\nk=") || out.contains("\nK=")) {
            out = K_LINE.matcher(out).replaceAll("$1" + MASK);
        }
        return contains(out, "authorization", 8) ? AUTHORIZATION.matcher(out).replaceAll("$1" + MASK) : out;
    }

    /**
     * @param anchor the index in the word of a letter rare in SIP messages (the y of crypto, the z of
     *        authorization): only where it occurs is the word compared, as scanning for a common first
     *        letter cost as much as the expressions it spared
     * @return whether the text holds the lower-case ASCII word in any case
     */
    static boolean contains(String text, String lowerCase, int anchor) {
        char lower = lowerCase.charAt(anchor);
        char upper = Character.toUpperCase(lower);
        int last = text.length() - lowerCase.length() + anchor;
        for (int i = anchor; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i - anchor, lowerCase, 0, lowerCase.length())) {
                return true;
            }
        }
        return false;
    }
}
