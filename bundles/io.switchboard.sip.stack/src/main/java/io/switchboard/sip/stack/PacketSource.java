package io.switchboard.sip.stack;

import java.net.InetAddress;
import java.text.ParseException;
import java.util.Locale;

import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.TLSMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageChannel;

/**
 * Where a request really came from: the address and port of the packet (or connection) the stack
 * read it from. Trust (IP-authenticated trunks), registration sources and NAT handling are decided
 * on this and never on Via's {@code received} or {@code rport}, which a sender writes as it likes.
 *
 * @param transport the top Via's transport, lower case; it only says how to answer, never whom to trust
 */
public record PacketSource(String transport, String host, int port) {

    /** @return the request's real source; a request that came from no socket (a test's) names its top Via */
    public static PacketSource of(Request request) {
        if (request instanceof SentByRequest received) {
            if (received.source == null && (received.getRemoteAddress() != null
                    || received.getPeerPacketSourceAddress() != null)) {
                received.source = find(request); // known once the stack has set where it came from
            }
            return received.source != null ? received.source : find(request);
        }
        return find(request);
    }

    private static PacketSource find(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
        if (request instanceof SIPMessage m) {
            InetAddress address = m.getPeerPacketSourceAddress() != null ? m.getPeerPacketSourceAddress()
                    : m.getRemoteAddress();
            int port = m.getPeerPacketSourcePort() > 0 ? m.getPeerPacketSourcePort() : m.getRemotePort();
            if (address != null && port > 0) {
                return new PacketSource(transport, address.getHostAddress(), port);
            }
        }
        if (via == null) {
            return new PacketSource(transport, "?", 0);
        }
        return new PacketSource(transport, via.getHost(), via.getPort() > 0 ? via.getPort() : 5060);
    }

    /** @return the address of the packet or connection the request came from, or null for a request made in a test */
    public static InetAddress address(Request request) {
        if (request instanceof SIPMessage m) {
            return m.getPeerPacketSourceAddress() != null ? m.getPeerPacketSourceAddress() : m.getRemoteAddress();
        }
        return null;
    }

    /**
     * @return whether the request came in a datagram (and so passed {@link UdpIngress}); the channel
     *         the stack read it from says so, else its top Via
     */
    public static boolean cameOverUdp(Request request) {
        if (request instanceof SIPRequest r && r.getMessageChannel() != null) {
            return r.getMessageChannel() instanceof UDPMessageChannel;
        }
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || "udp".equalsIgnoreCase(via.getTransport());
    }

    /** @return whether the request came over a TLS connection, as the channel the stack read it from says */
    public static boolean cameOverTls(Request request) {
        return request instanceof SIPRequest r
                && r.getMessageChannel() instanceof TLSMessageChannel;
    }

    /**
     * Makes the top Via's {@code received} say the packet's real source when it says anything else,
     * and takes its {@code maddr} out: a sender may not steer our answers (or a relay's) to a third
     * address, nor have the switch look up a name of its choosing (RFC 3261 18.2.2 would answer to
     * maddr; SipFuzzIT caught the look-up). A datagram whose Via names another transport is answered
     * over UDP where it came from (RFC 3581), unless its Via names TCP or TLS from the packet's own host
     * (RFC 3261 18.2.2): jain-sip failed on a transport it does not serve, and opened a connection to
     * whatever port a spoofed TCP Via named.
     */
    public static void correctVia(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via == null || !(request instanceof SIPMessage)) {
            return;
        }
        if (via.getMAddr() != null) {
            via.removeParameter("maddr");
        }
        // not of(): it keeps what it finds, and an edge's request is to name its client once unwrapped
        PacketSource real = find(request);
        if (cameOverUdp(request) && !"udp".equalsIgnoreCase(via.getTransport()) && address(request) != null
                && !(connectable(via.getTransport()) && real.host().equals(via.getHost()))) {
            try {
                via.setTransport("UDP");
                via.setReceived(real.host());
                via.setParameter(Via.RPORT, Integer.toString(real.port()));
                return;
            } catch (ParseException e) {
                via.removeParameter("received");
            }
        }
        if (via.getReceived() == null) {
            return;
        }
        if (!real.host().equals(via.getReceived())) {
            try {
                via.setReceived(real.host());
            } catch (ParseException e) {
                via.removeParameter("received");
            }
        }
    }

    private static boolean connectable(String transport) {
        return "tcp".equalsIgnoreCase(transport) || "tls".equalsIgnoreCase(transport);
    }

    /** @return transport:host:port, the form bindings keep their source in */
    @Override
    public String toString() {
        return transport + ":" + host + ":" + port;
    }
}
