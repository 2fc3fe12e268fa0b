package io.switchboard.sip.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The little the B2BUA reads from SDP (RFC 4566) while it passes bodies through unchanged: the
 * codec the answer chose, for the call record.
 */
final class Sdp {

    /** Static payload types of RFC 3551 that answers often name without an rtpmap line. */
    private static final Map<String, String> STATIC = Map.of("0", "PCMU", "3", "GSM", "4", "G723", "8", "PCMA", "9",
            "G722", "18", "G729");

    private Sdp() {
    }

    /** @return the encoding name of the first payload type of the first audio stream, or null */
    static String firstCodec(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String payload = null;
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            if (payload == null && line.startsWith("m=audio ")) {
                String[] parts = line.trim().split(" +");
                if (parts.length < 4) {
                    return null;
                }
                payload = parts[3];
            } else if (payload != null && line.startsWith("a=rtpmap:" + payload + " ")) {
                String encoding = line.substring(("a=rtpmap:" + payload + " ").length()).trim();
                int slash = encoding.indexOf('/');
                return slash < 0 ? encoding : encoding.substring(0, slash);
            } else if (payload != null && line.startsWith("m=")) {
                break;
            }
        }
        return payload == null ? null : STATIC.get(payload);
    }
}
