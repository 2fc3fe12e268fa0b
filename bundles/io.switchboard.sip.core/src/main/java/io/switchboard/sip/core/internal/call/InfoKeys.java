package io.switchboard.sip.core.internal.call;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;

/**
 * The key a phone sends in SIP INFO when it does not send RFC 4733 events: {@code application/dtmf-relay}
 * ({@code Signal=5}, as Cisco and most phones send it) or {@code application/dtmf} (the key alone).
 */
final class InfoKeys {

    private static final String KEYS = "0123456789*#ABCD";

    private InfoKeys() {
    }

    /** @return the key, or null when the INFO carries none (another package's INFO, a flash hook) */
    static Character of(Request info) {
        if (!(info.getHeader(ContentTypeHeader.NAME) instanceof ContentTypeHeader type) || info.getRawContent() == null
                || !"application".equalsIgnoreCase(type.getContentType())) {
            return null;
        }
        String body = new String(info.getRawContent(), StandardCharsets.UTF_8).trim();
        String sub = type.getContentSubType().toLowerCase(Locale.ROOT);
        if (sub.equals("dtmf-relay")) {
            for (String line : body.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
                    return key(line.substring(eq + 1).trim());
                }
            }
            return null;
        }
        return sub.equals("dtmf") ? key(body) : null;
    }

    private static Character key(String text) {
        String k = text.toUpperCase(Locale.ROOT);
        if (k.equals("10")) {
            return '*'; // the event codes of RFC 4733, which some phones send as the signal
        }
        if (k.equals("11")) {
            return '#';
        }
        return k.length() == 1 && KEYS.indexOf(k.charAt(0)) >= 0 ? k.charAt(0) : null;
    }
}
