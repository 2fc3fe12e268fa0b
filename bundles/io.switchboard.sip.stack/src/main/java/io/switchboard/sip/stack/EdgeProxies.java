package io.switchboard.sip.stack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;

import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * The SIP proxies in front of the switch (Kamailio's dispatcher over several switches): a request
 * one of them relays counts as coming from the client that sent it to the edge, as the Via the
 * edge stamped with {@code received} and {@code rport} says. So lockouts, flood limits, records
 * and IP-authenticated trunks see the real client, and the edge is never locked out for what one
 * client did. Only a packet from a listed edge (address, and port when the entry names one) is
 * read so: any other sender's Vias are its own word and change nothing.
 */
public final class EdgeProxies {

    /** An edge's address, and its port, or 0 for any port. */
    private record Edge(InetAddress address, int port) {
    }

    private final Set<Edge> edges;

    private EdgeProxies(Set<Edge> edges) {
        this.edges = edges;
    }

    /**
     * @param setting the setting's name, for the error
     * @param entries {@code 192.0.2.10}, {@code 192.0.2.10:5060} or {@code [2001:db8::1]:5060}
     * @throws IllegalArgumentException naming the setting and the entry that is no address
     */
    public static EdgeProxies parse(String setting, List<String> entries) {
        Set<Edge> out = new HashSet<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String host = entry;
            int port = 0;
            int colon = entry.lastIndexOf(':');
            if (entry.startsWith("[") && entry.contains("]:")) {
                host = entry.substring(1, entry.indexOf(']'));
                port = port(setting, entry, entry.substring(entry.indexOf("]:") + 2));
            } else if (colon > 0 && entry.indexOf(':') == colon) {
                host = entry.substring(0, colon);
                port = port(setting, entry, entry.substring(colon + 1));
            } else if (entry.startsWith("[") && entry.endsWith("]")) {
                host = entry.substring(1, entry.length() - 1);
            }
            if (!literal(host)) {
                throw new IllegalArgumentException("Invalid setting " + setting + ": '" + entry
                        + "' is no IP address (a name would let whoever answers for it in DNS speak for clients)");
            }
            try {
                out.add(new Edge(InetAddress.getByName(host), port));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Invalid setting " + setting + ": '" + entry + "' is no IP address");
            }
        }
        return new EdgeProxies(Set.copyOf(out));
    }

    private static int port(String setting, String entry, String text) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("Invalid setting " + setting + ": '" + entry + "' has no port 1 to 65535");
        }
        return Integer.parseInt(text);
    }

    /** @return whether the host is an IP address in text, which InetAddress reads without asking DNS */
    private static boolean literal(String host) {
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.contains(":");
    }

    public boolean isEmpty() {
        return edges.isEmpty();
    }

    /** @return the edges' addresses, as trusted networks take them */
    public List<String> hosts() {
        return edges.stream().map(e -> e.address().getHostAddress()).distinct().sorted().toList();
    }

    /** @return whether the packet or connection the request came from is an edge */
    public boolean fromEdge(Request request) {
        if (edges.isEmpty() || !(request instanceof SIPMessage m)) {
            return false;
        }
        InetAddress address = PacketSource.address(request);
        int port = m.getPeerPacketSourcePort() > 0 ? m.getPeerPacketSourcePort() : m.getRemotePort();
        return address != null && (edges.contains(new Edge(address, port)) || edges.contains(new Edge(address, 0)));
    }

    /**
     * Makes a request an edge relayed name the client as its source: the address and port of the
     * Via below the edge's, as the edge saw them ({@code received}, {@code rport}). Called after the
     * top Via's {@code received} was checked against the packet, so answers still go to the edge.
     *
     * @return whether the request came through an edge (and now names its client)
     */
    public boolean unwrap(Request request) {
        if (!fromEdge(request)) {
            return false;
        }
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        if (!vias.hasNext()) {
            return false;
        }
        vias.next();
        if (!vias.hasNext()) {
            return false; // the edge's own request (an OPTIONS probe): it is its own source
        }
        ViaHeader client = (ViaHeader) vias.next();
        String host = client.getReceived() != null ? client.getReceived() : client.getHost();
        int port = client.getRPort() > 0 ? client.getRPort() : client.getPort() > 0 ? client.getPort() : 5060;
        if (!literal(host)) {
            return false; // no address the edge vouched for: keep the edge as the source
        }
        try {
            InetAddress address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1)
                    : host);
            // what PacketSource reads; the stack answers by the top Via (the edge's), not by this
            SIPMessage m = (SIPMessage) request;
            m.setPeerPacketSourceAddress(address);
            m.setPeerPacketSourcePort(port);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
