package io.switchboard.phone.core.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Vector;

import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

import io.switchboard.phone.api.PhoneException;

/**
 * The phone's offers and answers (RFC 3264) through jain-sip's SDP classes: one audio stream,
 * G.711 µ-law and A-law with RFC 4733 telephone events, 20 ms packets.
 */
final class Sdp {

    /** The payload type offered for telephone events. */
    static final int EVENTS = 101;

    /**
     * What the far end's description says.
     *
     * @param sends whether the far end sends audio
     * @param receives whether it wants audio (not on hold: RFC 3264 direction, or the old c=0.0.0.0)
     */
    record Remote(InetSocketAddress rtp, AudioCodec codec, int eventType, boolean sends, boolean receives) {
    }

    private Sdp() {
    }

    /**
     * @param codecs offered in order of preference, or the one chosen when answering
     * @param direction sendrecv, sendonly (hold), recvonly or inactive
     */
    static String describe(String host, int port, long sessionId, long version, List<AudioCodec> codecs,
            int eventType, String direction) {
        try {
            SdpFactory f = SdpFactory.getInstance();
            SessionDescription sd = f.createSessionDescription();
            sd.setOrigin(f.createOrigin("switchboard", sessionId, version, "IN", "IP4", host));
            sd.setSessionName(f.createSessionName("Switchboard phone"));
            sd.setConnection(f.createConnection("IN", "IP4", host));
            int[] formats = new int[codecs.size() + (eventType >= 0 ? 1 : 0)];
            for (int i = 0; i < codecs.size(); i++) {
                formats[i] = codecs.get(i).payloadType();
            }
            if (eventType >= 0) {
                formats[codecs.size()] = eventType;
            }
            MediaDescription md = f.createMediaDescription("audio", port, 1, "RTP/AVP", formats);
            Vector<Attribute> attributes = new Vector<>();
            for (AudioCodec c : codecs) {
                attributes.add(f.createAttribute("rtpmap", c.payloadType() + " " + c.rtpmap()));
                if (c.fmtp() != null) {
                    attributes.add(f.createAttribute("fmtp", c.payloadType() + " " + c.fmtp()));
                }
            }
            if (eventType >= 0) {
                attributes.add(f.createAttribute("rtpmap", eventType + " telephone-event/8000"));
                attributes.add(f.createAttribute("fmtp", eventType + " 0-16"));
            }
            attributes.add(f.createAttribute("ptime", "20"));
            attributes.add(f.createAttribute(direction, null));
            md.setAttributes(attributes);
            Vector<MediaDescription> media = new Vector<>();
            media.add(md);
            sd.setMediaDescriptions(media);
            return sd.toString();
        } catch (SdpException e) {
            throw new PhoneException("Cannot write SDP: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the far end's audio stream and picks the first of its codecs that the phone has.
     *
     * @throws PhoneException naming what is missing, when the description cannot be used
     */
    static Remote read(String body, List<AudioCodec> supported) {
        try {
            SessionDescription sd = SdpFactory.getInstance().createSessionDescription(body);
            Connection sessionConnection = sd.getConnection();
            String sessionDirection = direction(sd.getAttributes(false));
            @SuppressWarnings("unchecked")
            Vector<MediaDescription> media = sd.getMediaDescriptions(false);
            if (media != null) {
                for (MediaDescription md : media) {
                    Media m = md.getMedia();
                    if (!"audio".equalsIgnoreCase(m.getMediaType()) || m.getMediaPort() == 0) {
                        continue;
                    }
                    Connection c = md.getConnection() != null ? md.getConnection() : sessionConnection;
                    if (c == null) {
                        throw new PhoneException("The SDP has no connection address for its audio");
                    }
                    List<String> rtpmaps = new ArrayList<>();
                    int events = -1;
                    String direction = sessionDirection;
                    @SuppressWarnings("unchecked")
                    Vector<Attribute> attributes = md.getAttributes(false);
                    if (attributes != null) {
                        for (Attribute a : attributes) {
                            if ("rtpmap".equalsIgnoreCase(a.getName()) && a.getValue() != null) {
                                rtpmaps.add(a.getValue().trim());
                                String[] parts = a.getValue().trim().split("[ /]");
                                if (parts.length > 1 && parts[1].equalsIgnoreCase("telephone-event")) {
                                    events = Integer.parseInt(parts[0]);
                                }
                            }
                        }
                        String d = direction(attributes);
                        direction = d != null ? d : direction;
                    }
                    AudioCodec chosen = null;
                    @SuppressWarnings("unchecked")
                    Vector<String> formats = m.getMediaFormats(false);
                    for (String format : formats == null ? new Vector<String>() : formats) {
                        int pt = Integer.parseInt(format.trim());
                        AudioCodec c2 = AudioCodec.of(pt, encodingOf(pt, rtpmaps), supported);
                        if (c2 != null) {
                            chosen = c2;
                            break;
                        }
                    }
                    if (chosen == null) {
                        throw new PhoneException("No codec in common: the far end offers " + formats);
                    }
                    String d = direction == null ? "sendrecv" : direction;
                    String address = c.getAddress();
                    return new Remote(new InetSocketAddress(address, m.getMediaPort()), chosen, events,
                            d.equals("sendrecv") || d.equals("sendonly"),
                            (d.equals("sendrecv") || d.equals("recvonly")) && !address.equals("0.0.0.0"));
                }
            }
            throw new PhoneException("The SDP has no audio stream");
        } catch (SdpException | NumberFormatException e) {
            throw new PhoneException("Unreadable SDP: " + e.getMessage(), e);
        }
    }

    /** @return whether every connection line of a body names an IP address, never a host name */
    static boolean literalAddresses(String body) {
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("c=")) {
                String[] c = line.substring(2).trim().split(" +");
                String host = c.length < 3 ? "" : c[2].contains("/") ? c[2].substring(0, c[2].indexOf('/')) : c[2];
                if (!host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !host.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String encodingOf(int pt, List<String> rtpmaps) {
        for (String map : rtpmaps) {
            String[] parts = map.split("\\s+", 2);
            if (parts.length == 2 && parts[0].equals(Integer.toString(pt))) {
                return parts[1].toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String direction(Vector<?> attributes) throws SdpException {
        if (attributes == null) {
            return null;
        }
        for (Object o : attributes) {
            String name = ((Attribute) o).getName();
            if (name.equals("sendrecv") || name.equals("sendonly") || name.equals("recvonly")
                    || name.equals("inactive")) {
                return name;
            }
        }
        return null;
    }
}
