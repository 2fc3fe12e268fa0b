package io.switchboard.media.rtp.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.switchboard.media.api.MediaException;
import io.switchboard.media.audio.Codec;

/**
 * Rewrites one SDP body (RFC 4566) so that its audio goes through the relay: the connection
 * lines and the first audio stream's port name the relay's address and port, {@code a=rtcp} its
 * RTCP port, ICE attributes go (the relay is the only candidate), and any other stream is declined
 * with port 0. It also reads where the sender wants its audio and which codec each payload type
 * is. A hold with {@code c=... 0.0.0.0} keeps that address. SRTP keys ({@code a=crypto}) pass unchanged:
 * the relay forwards SRTP as it comes and only says that the stream is encrypted.
 */
final class SdpRewriter {

    /** What the body said, and the body to send on. */
    record Rewritten(byte[] body, InetSocketAddress rtp, InetSocketAddress rtcp, boolean rtcpMux, Codec[] payloadTypes,
            boolean sends, boolean encrypted) {
    }

    private static final Set<String> ICE = Set.of("candidate", "ice-ufrag", "ice-pwd", "ice-options",
            "end-of-candidates", "remote-candidates", "ice-lite", "ice-mismatch");

    private SdpRewriter() {
    }

    /**
     * @param relay the relay's address and RTP port for the leg that will read this body
     * @param relayRtcpPort the relay's RTCP port for that leg
     */
    static Rewritten rewrite(byte[] sdp, InetSocketAddress relay, int relayRtcpPort) throws MediaException {
        String text = new String(sdp, StandardCharsets.UTF_8);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        String relayHost = relay.getAddress().getHostAddress();
        String relayType = relay.getAddress() instanceof java.net.Inet6Address ? "IP6" : "IP4";
        List<String> out = new ArrayList<>();
        Codec[] types = new Codec[128];
        String sessionHost = null;
        String audioHost = null;
        int audioPort = -1;
        int rtcpPort = -1;
        boolean mux = false;
        boolean sends = true;
        boolean encrypted = false;
        int section = 0; // 0 session, 1 the audio stream, 2 another stream
        boolean audioSeen = false;
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("m=")) {
                String[] m = line.substring(2).trim().split(" +");
                if (m.length < 4) {
                    throw new MediaException("Cannot read the media line '" + line + "'");
                }
                if (!audioSeen && m[0].equals("audio") && !m[1].equals("0")) {
                    audioSeen = true;
                    section = 1;
                    audioPort = port(m[1], line);
                    encrypted = m[2].toUpperCase(java.util.Locale.ROOT).contains("SAVP");
                    m[1] = Integer.toString(relay.getPort());
                    for (int i = 3; i < m.length; i++) {
                        staticType(types, m[i]);
                    }
                    out.add("m=" + String.join(" ", m));
                } else {
                    section = 2;
                    m[1] = "0";
                    out.add("m=" + String.join(" ", m));
                }
                continue;
            }
            if (line.startsWith("c=")) {
                String[] c = line.substring(2).trim().split(" +");
                if (c.length < 3) {
                    throw new MediaException("Cannot read the connection line '" + line + "'");
                }
                String host = c[2].contains("/") ? c[2].substring(0, c[2].indexOf('/')) : c[2];
                if (section == 0) {
                    sessionHost = host;
                } else if (section == 1) {
                    audioHost = host;
                }
                out.add(host.equals("0.0.0.0") ? line : "c=IN " + relayType + " " + relayHost);
                continue;
            }
            if (line.startsWith("o=")) {
                String[] o = line.substring(2).trim().split(" +");
                if (o.length == 6) {
                    o[4] = relayType;
                    o[5] = relayHost;
                    out.add("o=" + String.join(" ", o));
                    continue;
                }
            }
            if (line.startsWith("a=")) {
                String attribute = line.substring(2);
                String name = attribute.contains(":") ? attribute.substring(0, attribute.indexOf(':')) : attribute;
                if (ICE.contains(name)) {
                    continue;
                }
                if (section == 0 && (name.equals("recvonly") || name.equals("inactive"))) {
                    sends = false;
                }
                if (section == 1) {
                    if (name.equals("rtcp")) {
                        rtcpPort = port(after(attribute, "rtcp:").trim().split(" +")[0], line);
                        out.add("a=rtcp:" + relayRtcpPort);
                        continue;
                    }
                    if (name.equals("recvonly") || name.equals("inactive")) {
                        sends = false;
                    }
                    if (name.equals("crypto")) {
                        encrypted = true;
                    } else if (name.equals("rtcp-mux")) {
                        mux = true;
                    } else if (name.equals("rtpmap")) {
                        rtpmap(types, after(attribute, "rtpmap:"));
                    }
                }
            }
            out.add(line);
        }
        if (!audioSeen) {
            throw new MediaException("The SDP offers no audio stream the relay can carry");
        }
        String host = audioHost != null ? audioHost : sessionHost;
        if (host == null) {
            throw new MediaException("The SDP names no connection address for its audio");
        }
        InetSocketAddress rtp = InetSocketAddress.createUnresolved(host, audioPort);
        InetSocketAddress rtcp = InetSocketAddress.createUnresolved(host, mux ? audioPort
                : rtcpPort > 0 ? rtcpPort : audioPort + 1);
        return new Rewritten((String.join(eol, out) + eol).getBytes(StandardCharsets.UTF_8), rtp, rtcp, mux, types,
                sends && !host.equals("0.0.0.0") && audioPort != 0, encrypted);
    }

    /** @return what follows the attribute's name and colon; "" for a bare {@code a=rtpmap} */
    private static String after(String attribute, String prefix) {
        return attribute.length() > prefix.length() ? attribute.substring(prefix.length()) : "";
    }

    private static int port(String text, String line) throws MediaException {
        try {
            int port = Integer.parseInt(text.contains("/") ? text.substring(0, text.indexOf('/')) : text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new MediaException("Cannot read the port in '" + line + "'");
    }

    /** The payload types of RFC 3551 that an SDP may use without an rtpmap. */
    private static void staticType(Codec[] types, String pt) {
        switch (pt) {
            case "0" -> types[0] = Codec.PCMU;
            case "8" -> types[8] = Codec.PCMA;
            case "9" -> types[9] = Codec.of("G722", 8000);
            case "18" -> types[18] = Codec.of("G729", 8000);
            case "3" -> types[3] = Codec.of("GSM", 8000);
            default -> {
                // a dynamic type: its rtpmap names it
            }
        }
    }

    /** {@code 101 telephone-event/8000} */
    private static void rtpmap(Codec[] types, String map) {
        String[] parts = map.trim().split(" +", 2);
        if (parts.length < 2) {
            return;
        }
        try {
            int pt = Integer.parseInt(parts[0]);
            String[] encoding = parts[1].split("/");
            if (pt >= 0 && pt < 128) {
                types[pt] = Codec.of(encoding[0], encoding.length > 1 ? Integer.parseInt(encoding[1]) : 0);
            }
        } catch (NumberFormatException ignored) {
            // an rtpmap the relay does not understand: the type stays unknown and unmeasured
        }
    }
}
