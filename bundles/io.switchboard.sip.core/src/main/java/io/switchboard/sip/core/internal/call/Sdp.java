package io.switchboard.sip.core.internal.call;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The little the B2BUA reads from SDP (RFC 4566) while it passes bodies through unchanged: the
 * codec the answer chose, for the call record.
 */
public final class Sdp {

    /** Static payload types of RFC 3551 that answers often name without an rtpmap line. */
    private static final Map<String, String> STATIC = Map.of("0", "PCMU", "3", "GSM", "4", "G723", "8", "PCMA", "9",
            "G722", "18", "G729");

    private Sdp() {
    }

    /** @return the kinds of the streams a body does not decline ("audio,video"), or null without a body */
    static String streams(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        StringJoiner kinds = new StringJoiner(",");
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            String[] m = line.startsWith("m=") ? line.substring(2).trim().split(" +") : null;
            if (m != null && m.length > 1 && !m[1].equals("0")) {
                kinds.add(m[0]);
            }
        }
        return kinds.toString();
    }

    /**
     * Declines every video stream of a body (port 0, RFC 3264 6): for sides whose calls may not
     * carry video. @return the body, unchanged when it has no video
     */
    static byte[] withoutVideo(byte[] body) {
        if (body == null || body.length == 0) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String declined = text.replaceAll("(?m)^m=video [0-9]+(/[0-9]+)? ", "m=video 0 ");
        return declined.equals(text) ? body : declined.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the encoding name of an RFC 3551 static payload type ("PCMU" for "0"), or null */
    static String staticName(String payloadType) {
        return STATIC.get(payloadType);
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

    /**
     * Keeps only the trunk's codecs in the first audio stream of an offer, in the trunk's order of
     * preference (telephone-event always stays, last), and drops the rtpmap/fmtp lines of the rest.
     *
     * @return the filtered body, the body unchanged when {@code codecs} is empty, or null when no
     *         codec of the offer is allowed
     */
    static byte[] filter(byte[] body, List<String> codecs) {
        if (body == null || body.length == 0 || codecs.isEmpty()) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        String[] lines = text.split("\r?\n");
        int m = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("m=audio ")) {
                m = i;
                break;
            }
        }
        if (m < 0) {
            return body;
        }
        String[] parts = lines[m].trim().split(" +");
        Map<String, String> names = new HashMap<>();
        for (int i = m + 1; i < lines.length && !lines[i].startsWith("m="); i++) {
            if (lines[i].startsWith("a=rtpmap:")) {
                String rest = lines[i].substring(9);
                int sp = rest.indexOf(' ');
                if (sp > 0) {
                    String enc = rest.substring(sp + 1);
                    names.put(rest.substring(0, sp), enc.contains("/") ? enc.substring(0, enc.indexOf('/')) : enc);
                }
            }
        }
        List<String> kept = new ArrayList<>();
        for (String wanted : codecs) {
            for (int i = 3; i < parts.length; i++) {
                String name = names.getOrDefault(parts[i], STATIC.get(parts[i]));
                if (name != null && name.equalsIgnoreCase(wanted.trim()) && !kept.contains(parts[i])) {
                    kept.add(parts[i]);
                }
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        for (int i = 3; i < parts.length; i++) {
            if ("telephone-event".equalsIgnoreCase(names.get(parts[i])) && !kept.contains(parts[i])) {
                kept.add(parts[i]);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == m) {
                line = String.join(" ", Arrays.copyOf(parts, 3)) + " " + String.join(" ", kept);
            } else if (i > m && (line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:"))) {
                String pt = line.substring(line.indexOf(':') + 1).split(" ")[0];
                if (!kept.contains(pt) && !afterNextMedia(lines, m, i)) {
                    continue;
                }
            }
            out.append(line).append(eol);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean afterNextMedia(String[] lines, int m, int i) {
        for (int j = m + 1; j < i; j++) {
            if (lines[j].startsWith("m=")) {
                return true;
            }
        }
        return false;
    }
}
