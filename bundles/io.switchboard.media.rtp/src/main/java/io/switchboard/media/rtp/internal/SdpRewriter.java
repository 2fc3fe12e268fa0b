package io.switchboard.media.rtp.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.switchboard.media.api.MediaException;
import io.switchboard.media.audio.Codec;

/**
 * Rewrites one SDP body (RFC 4566) so that its media goes through the relay: the connection lines
 * and every stream's port name the relay's address and ports, {@code a=rtcp} its RTCP port, ICE
 * attributes go (the relay is the only candidate). A stream the relay gets no ports for is declined
 * with port 0. It also reads where the sender wants each stream and which codec each payload type
 * is. A hold with {@code c=... 0.0.0.0} keeps that address. SRTP keys ({@code a=crypto}) pass
 * unchanged: the relay forwards SRTP as it comes and only says that the stream is encrypted.
 */
final class SdpRewriter {

    /** The relay's ports for one stream, facing the leg that reads the body. */
    record Ports(int rtp, int rtcp) {
    }

    /** Gives the relay's ports for the stream of a media line, or null to decline it. */
    interface PortsFor {
        Ports of(int index, String kind) throws MediaException;
    }

    /**
     * What one media line said.
     *
     * @param index its position among the body's media lines (offer and answer keep the same order)
     * @param kind {@code audio}, {@code video}, ...
     */
    record Media(int index, String kind, InetSocketAddress rtp, InetSocketAddress rtcp, boolean rtcpMux,
            Codec[] payloadTypes, boolean sends, boolean encrypted, boolean receives) {
    }

    /** The body to send on, and each stream it carries through the relay, in the body's order. */
    record Rewritten(byte[] body, List<Media> media) {

        /** @return the first audio stream, the one whose quality, timeout and recording the call has */
        Media main() {
            return media.stream().filter(m -> m.kind().equals("audio")).findFirst().orElseThrow();
        }

        InetSocketAddress rtp() {
            return main().rtp();
        }

        InetSocketAddress rtcp() {
            return main().rtcp();
        }

        boolean rtcpMux() {
            return main().rtcpMux();
        }

        Codec[] payloadTypes() {
            return main().payloadTypes();
        }

        boolean encrypted() {
            return main().encrypted();
        }
    }

    // compiled once: String.split compiles a pattern of more than one character on every call
    private static final Pattern LINES = Pattern.compile("\r?\n");
    private static final Pattern SPACES = Pattern.compile(" +");

    private static final Set<String> ICE = Set.of("candidate", "ice-ufrag", "ice-pwd", "ice-options",
            "end-of-candidates", "remote-candidates", "ice-lite", "ice-mismatch");

    private SdpRewriter() {
    }

    /** Only the first audio stream through the relay's {@code relay} and {@code relayRtcpPort}; the others declined. */
    static Rewritten rewrite(byte[] sdp, InetSocketAddress relay, int relayRtcpPort) throws MediaException {
        boolean[] given = { false };
        return rewrite(sdp, relay.getAddress(), (index, kind) -> {
            if (given[0] || !kind.equals("audio")) {
                return null;
            }
            given[0] = true;
            return new Ports(relay.getPort(), relayRtcpPort);
        });
    }

    /** @param relayHost the relay's address that the reading leg can reach */
    static Rewritten rewrite(byte[] sdp, InetAddress relayHost, PortsFor ports) throws MediaException {
        String text = new String(sdp, StandardCharsets.UTF_8);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        String host = relayHost.getHostAddress();
        String type = relayHost instanceof Inet6Address ? "IP6" : "IP4";
        List<String> out = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        Section session = new Section(-1, "session", 0, null);
        Section current = session;
        for (String line : LINES.split(text)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("m=")) {
                String[] m = SPACES.split(line.substring(2).trim());
                if (m.length < 4) {
                    throw new MediaException("Cannot read the media line '" + line + "'");
                }
                int port = port(m[1], line);
                Ports relay = port == 0 ? null : ports.of(sections.size(), m[0]);
                current = new Section(sections.size(), m[0], port, relay);
                current.encrypted = m[2].toUpperCase(Locale.ROOT).contains("SAVP");
                sections.add(current);
                m[1] = relay == null ? "0" : Integer.toString(relay.rtp());
                for (int i = 3; relay != null && i < m.length; i++) {
                    staticType(current.types, m[i]);
                }
                out.add("m=" + String.join(" ", m));
                continue;
            }
            if (line.startsWith("c=")) {
                String[] c = SPACES.split(line.substring(2).trim());
                if (c.length < 3) {
                    throw new MediaException("Cannot read the connection line '" + line + "'");
                }
                current.host = c[2].contains("/") ? c[2].substring(0, c[2].indexOf('/')) : c[2];
                out.add(current.host.equals("0.0.0.0") ? line : "c=IN " + type + " " + host);
                continue;
            }
            if (line.startsWith("o=")) {
                String[] o = SPACES.split(line.substring(2).trim());
                if (o.length == 6) {
                    o[4] = type;
                    o[5] = host;
                    out.add("o=" + String.join(" ", o));
                    continue;
                }
            }
            if (line.startsWith("a=") && !attribute(line.substring(2), current, out)) {
                continue;
            }
            out.add(line);
        }
        List<Media> media = new ArrayList<>();
        for (Section s : sections) {
            if (s.relay != null) {
                media.add(s.media(session));
            }
        }
        if (media.stream().noneMatch(m -> m.kind().equals("audio"))) {
            throw new MediaException("The SDP offers no audio stream the relay can carry");
        }
        return new Rewritten((String.join(eol, out) + eol).getBytes(StandardCharsets.UTF_8), List.copyOf(media));
    }

    /** Reads one attribute into its section. @return whether its line goes on unchanged */
    private static boolean attribute(String attribute, Section s, List<String> out) throws MediaException {
        String name = attribute.contains(":") ? attribute.substring(0, attribute.indexOf(':')) : attribute;
        if (ICE.contains(name)) {
            return false;
        }
        if (name.equals("recvonly") || name.equals("inactive")) {
            s.sends = false;
        }
        if (name.equals("sendonly") || name.equals("inactive")) {
            s.receives = false;
        }
        if (s.relay == null) {
            // the session's own lines, or a declined stream's: its RTCP port would name the sender's address
            return !(name.equals("rtcp") && s.index >= 0);
        }
        switch (name) {
            case "rtcp" -> {
                s.rtcpPort = port(after(attribute, "rtcp:").trim().split(" ", 2)[0], "a=" + attribute);
                out.add("a=rtcp:" + s.relay.rtcp());
                return false;
            }
            case "crypto" -> s.encrypted = true;
            case "rtcp-mux" -> s.mux = true;
            case "rtpmap" -> rtpmap(s.types, after(attribute, "rtpmap:"));
            default -> {
                // passes as it is
            }
        }
        return true;
    }

    /** The lines of one media description (or of the session, index -1) as they are read. */
    private static final class Section {
        final int index;
        final String kind;
        final int port;
        final Ports relay;
        final Codec[] types = new Codec[128];
        String host;
        int rtcpPort = -1;
        boolean mux;
        boolean sends = true;
        boolean receives = true;
        boolean encrypted;

        Section(int index, String kind, int port, Ports relay) {
            this.index = index;
            this.kind = kind;
            this.port = port;
            this.relay = relay;
        }

        Media media(Section session) throws MediaException {
            String address = host != null ? host : session.host;
            if (address == null) {
                throw new MediaException("The SDP names no connection address for its " + kind);
            }
            InetSocketAddress rtp = InetSocketAddress.createUnresolved(address, port);
            InetSocketAddress rtcp = InetSocketAddress.createUnresolved(address, mux ? port
                    : rtcpPort > 0 ? rtcpPort : port + 1);
            boolean held = address.equals("0.0.0.0");
            return new Media(index, kind, rtp, rtcp, mux, types, sends && session.sends && !held, encrypted,
                    receives && session.receives && !held);
        }
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
        String[] parts = SPACES.split(map.trim(), 2);
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
