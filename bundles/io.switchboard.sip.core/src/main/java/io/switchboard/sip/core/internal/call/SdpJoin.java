package io.switchboard.sip.core.internal.call;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Vector;

import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SdpParseException;
import javax.sdp.SessionDescription;

/**
 * Joins two parties that both made an offer (RFC 3264), as a call pickup does: the ringing caller's
 * offer and the picker's. Each gets an answer made of the other's streams. The switch does not
 * transcode, so a format stays only when both name it with the same payload number and encoding.
 */
final class SdpJoin {

    /** Attributes of the other's stream that describe what it sends or how; the rest (ICE, rtcp-fb...) are its own. */
    private static final Set<String> KEPT = Set.of("ptime", "maxptime", "rtcp", "sendrecv", "sendonly", "recvonly",
            "inactive", "label", "framerate");

    private SdpJoin() {
    }

    /**
     * @param offer the offer to answer
     * @param other the other party's description: its addresses, ports, formats and keys answer for it
     * @return the answer, with a stream declined (port 0) where the other has none of the same kind
     *         and transport or no format in common; null when no stream is left at all
     * @throws SdpException when either body is not SDP
     */
    static byte[] answer(byte[] offer, byte[] other) throws SdpException {
        SdpFactory f = SdpFactory.getInstance();
        SessionDescription o = f.createSessionDescription(new String(offer, StandardCharsets.UTF_8));
        SessionDescription x = f.createSessionDescription(new String(other, StandardCharsets.UTF_8));
        SessionDescription a = f.createSessionDescription();
        a.setOrigin(x.getOrigin());
        a.setSessionName(x.getSessionName());
        a.setTimeDescriptions(o.getTimeDescriptions(true));
        Connection session = x.getConnection();
        List<MediaDescription> theirs = media(x);
        boolean[] used = new boolean[theirs.size()];
        Vector<MediaDescription> streams = new Vector<>();
        boolean any = false;
        for (MediaDescription md : media(o)) {
            MediaDescription joined = null;
            for (int j = 0; j < theirs.size() && joined == null; j++) {
                if (!used[j] && (joined = join(f, md, theirs.get(j), session)) != null) {
                    used[j] = true;
                }
            }
            any |= joined != null;
            streams.add(joined != null ? joined : declined(f, md));
        }
        if (!any) {
            return null;
        }
        a.setMediaDescriptions(streams);
        return a.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the other's stream as the answer to {@code md}, or null when they do not fit */
    private static MediaDescription join(SdpFactory f, MediaDescription md, MediaDescription theirs,
            Connection session) throws SdpException {
        String kind = md.getMedia().getMediaType();
        String proto = md.getMedia().getProtocol();
        if (md.getMedia().getMediaPort() == 0 || theirs.getMedia().getMediaPort() == 0
                || !kind.equalsIgnoreCase(theirs.getMedia().getMediaType())
                || !proto.equalsIgnoreCase(theirs.getMedia().getProtocol())) {
            return null;
        }
        List<String> common = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (String format : formats(md)) {
            if (formats(theirs).contains(format) && sameEncoding(md, theirs, format)) {
                common.add(format);
                if (!"telephone-event".equals(encoding(md, format).split("/")[0])) {
                    payloads.add(format);
                }
            }
        }
        Vector<Attribute> attributes = new Vector<>();
        if (proto.toUpperCase(Locale.ROOT).contains("SAVP")) {
            Attribute key = key(md, theirs, f);
            if (key == null) {
                return null; // no crypto suite in common: the stream cannot be encrypted both ways
            }
            attributes.add(key);
        }
        if (payloads.isEmpty()) {
            return null; // events alone carry no voice
        }
        MediaDescription out = f.createMediaDescription(kind, theirs.getMedia().getMediaPort(), 1, proto,
                common.toArray(String[]::new));
        Connection c = theirs.getConnection() != null ? theirs.getConnection() : session;
        if (c != null) {
            out.setConnection(f.createConnection(c.getNetworkType(), c.getAddressType(), c.getAddress()));
        }
        for (Attribute attr : attributes(theirs)) {
            String name = attr.getName().toLowerCase(Locale.ROOT);
            String value = attr.getValue();
            if ((name.equals("rtpmap") || name.equals("fmtp")) && value != null
                    && common.contains(value.trim().split("\\s+")[0]) || KEPT.contains(name)
                    || name.equals("rtcp-mux") && has(md, "rtcp-mux")) {
                attributes.add(attr);
            }
        }
        out.setAttributes(attributes);
        return out;
    }

    /** The other's key for the first suite of the offer it also has, under the offer's tag (RFC 4568). */
    private static Attribute key(MediaDescription md, MediaDescription theirs, SdpFactory f) throws SdpException {
        for (Attribute mine : attributes(md)) {
            if (!"crypto".equalsIgnoreCase(mine.getName()) || mine.getValue() == null) {
                continue;
            }
            String[] offered = mine.getValue().trim().split("\\s+", 3);
            for (Attribute their : attributes(theirs)) {
                String[] has = their.getValue() == null ? new String[0] : their.getValue().trim().split("\\s+", 3);
                if ("crypto".equalsIgnoreCase(their.getName()) && has.length == 3 && offered.length >= 2
                        && has[1].equalsIgnoreCase(offered[1])) {
                    return f.createAttribute("crypto", offered[0] + " " + has[1] + " " + has[2]);
                }
            }
        }
        return null;
    }

    private static MediaDescription declined(SdpFactory f, MediaDescription md) throws SdpException {
        List<String> formats = formats(md);
        return f.createMediaDescription(md.getMedia().getMediaType(), 0, 1, md.getMedia().getProtocol(),
                new String[] { formats.isEmpty() ? "0" : formats.get(0) });
    }

    private static boolean sameEncoding(MediaDescription a, MediaDescription b, String format) throws SdpException {
        return encoding(a, format).equalsIgnoreCase(encoding(b, format));
    }

    /** @return the format's rtpmap encoding ("pcmu/8000"), also for a static type named by number alone */
    private static String encoding(MediaDescription md, String format) throws SdpException {
        for (Attribute attr : attributes(md)) {
            if ("rtpmap".equalsIgnoreCase(attr.getName()) && attr.getValue() != null) {
                String[] parts = attr.getValue().trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].equals(format)) {
                    return parts[1].toLowerCase(Locale.ROOT);
                }
            }
        }
        String name = Sdp.staticName(format);
        // RFC 3551's static types are all 8000 Hz as SDP names them, G.722 included
        return name == null ? format : name.toLowerCase(Locale.ROOT) + "/8000";
    }

    private static boolean has(MediaDescription md, String name) {
        return attributes(md).stream().anyMatch(a -> {
            try {
                return name.equalsIgnoreCase(a.getName());
            } catch (SdpParseException e) {
                return false;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> formats(MediaDescription md) throws SdpException {
        Vector<String> formats = md.getMedia().getMediaFormats(false);
        List<String> out = new ArrayList<>();
        if (formats != null) {
            formats.forEach(s -> out.add(s.trim()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Attribute> attributes(MediaDescription md) {
        Vector<Attribute> v = md.getAttributes(false);
        return v == null ? List.of() : v;
    }

    @SuppressWarnings("unchecked")
    private static List<MediaDescription> media(SessionDescription sd) throws SdpException {
        Vector<MediaDescription> v = sd.getMediaDescriptions(false);
        return v == null ? List.of() : v;
    }
}
