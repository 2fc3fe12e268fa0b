package io.switchboard.conference.core.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * The video stream of a caller's SDP offer, as far as the bridge needs it: where to send, the VP8
 * payload type, RTCP multiplexing and the keyframe requests the phone understands.
 *
 * @param host where the phone receives video (the stream's or the session's c= line)
 * @param port its RTP port; 0 when the phone declined video
 * @param rtcpPort its RTCP port (a=rtcp, else the next one; the same with rtcp-mux)
 * @param payloadType the phone's number for VP8, or -1 when it does not offer VP8
 * @param mux whether RTCP travels with RTP (a=rtcp-mux)
 * @param fir whether it takes full intra requests (a=rtcp-fb ccm fir)
 * @param formats the payload types of its m= line, to decline it with
 */
record VideoOffer(String host, int port, int rtcpPort, int payloadType, boolean mux, boolean fir, String formats) {

    /** @return the offer's first video stream, or null when it has none */
    static VideoOffer of(String sdp) {
        String sessionHost = null;
        String host = null;
        int port = -1;
        int rtcp = -1;
        int vp8 = -1;
        boolean mux = false;
        boolean fir = false;
        boolean inVideo = false;
        boolean seenVideo = false;
        String formats = "96";
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                if (seenVideo) {
                    break; // the first video stream only
                }
                inVideo = line.startsWith("m=video ");
                if (inVideo) {
                    seenVideo = true;
                    String[] parts = line.substring(2).split(" ");
                    port = parts.length > 1 ? number(parts[1].split("/")[0]) : 0;
                    if (parts.length > 3) {
                        formats = String.join(" ", Arrays.copyOfRange(parts, 3, parts.length));
                    }
                }
            } else if (line.startsWith("c=IN IP4 ") || line.startsWith("c=IN IP6 ")) {
                String address = line.substring(9).split("/")[0].trim();
                if (inVideo) {
                    host = address;
                } else if (!seenVideo && port < 0) {
                    sessionHost = sessionHost == null ? address : sessionHost;
                }
            } else if (inVideo && line.startsWith("a=rtpmap:")) {
                String[] parts = line.substring(9).split(" ", 2);
                if (vp8 < 0 && parts.length == 2 && parts[1].toUpperCase(Locale.ROOT).startsWith("VP8/90000")) {
                    vp8 = number(parts[0]);
                }
            } else if (inVideo && line.equals("a=rtcp-mux")) {
                mux = true;
            } else if (inVideo && line.startsWith("a=rtcp:")) {
                rtcp = number(line.substring(7).split(" ")[0]);
            } else if (inVideo && line.startsWith("a=rtcp-fb:") && line.toLowerCase(Locale.ROOT).endsWith("ccm fir")) {
                fir = true;
            }
        }
        if (!seenVideo) {
            return null;
        }
        String where = host != null ? host : sessionHost;
        int rtcpPort = mux ? port : rtcp > 0 ? rtcp : port + 1;
        return new VideoOffer(where, Math.max(0, port), rtcpPort, vp8, mux, fir, formats);
    }

    /** @return whether the bridge can take this stream: VP8 at a port */
    boolean usable() {
        return port > 0 && payloadType >= 0 && host != null;
    }

    /** @return the answer's m= section that declines this stream (RFC 3264: port 0) */
    String declined() {
        return "m=video 0 RTP/AVP " + formats + "\r\n";
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
