package io.switchboard.sip.core.internal.call;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.stack.PacketSource;

/**
 * Which address the switch gives a peer (in Via, Contact and Call-ID), and where a registered
 * phone is reached: loopback for a loopback peer, else the advertised address, never the
 * wildcard a listening point binds; a phone behind NAT at the address its REGISTER came from.
 */
public final class LegAddresses {

    private final String advertised;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    /** Each listening point's address as text: the stack writes an IPv6 address out anew on every call. */
    private final Map<ListeningPoint, String> pointAddresses = new ConcurrentHashMap<>();

    public LegAddresses(String advertised, AddressFactory addresses, HeaderFactory headers) {
        this.advertised = advertised;
        this.addresses = addresses;
        this.headers = headers;
    }

    /** @return the transport a request to this target goes over: its transport parameter, TLS for sips:, else UDP */
    public static String transport(URI target) {
        return target instanceof SipURI s && s.getTransportParam() != null
                ? s.getTransportParam().toLowerCase(Locale.ROOT)
                : target instanceof SipURI s && s.isSecure() ? "tls" : "udp";
    }

    /**
     * Where a binding is reached. A phone behind NAT registers a private Contact (10/8, 172.16/12,
     * 192.168/16, 100.64/10) that nobody outside can reach; over UDP its REGISTER came from the
     * NAT's public address and port, which keeps the mapping open: calls go there, with the
     * Contact's user and parameters kept. Over TCP and TLS, calls go back over the connection the
     * phone registered on (to its source address and port, which the stack knows that connection
     * by): a phone over TLS has no certificate to accept a new connection with, and one behind NAT
     * could not be reached on a new one at all. A phone that uses Outbound is reached over its flow
     * on every transport.
     */
    public URI reachable(SipStore.Binding b) throws ParseException {
        URI uri = addresses.createURI(b.contact());
        if (b.path() != null) {
            return uri; // the edge in the Path reaches the phone, NAT or not
        }
        if (!(uri instanceof SipURI contact) || b.source() == null || b.source().indexOf(':') != 3) {
            return uri;
        }
        String transport = b.source().substring(0, 3);
        String sourceHost = b.source().substring(4, b.source().lastIndexOf(':'));
        int sourcePort = Integer.parseInt(b.source().substring(b.source().lastIndexOf(':') + 1));
        boolean connection = transport.equals("tcp") || transport.equals("tls");
        int contactPort = contact.getPort() > 0 ? contact.getPort() : 5060;
        boolean natted = transport.equals("udp") && privateAddress(contact.getHost()) && !privateAddress(sourceHost)
                && !(contact.getHost().equals(sourceHost) && contactPort == sourcePort);
        // an Outbound phone is reached over the flow it registered on, whatever its Contact says (RFC 5626 5.3)
        natted |= b.outbound() && transport.equals("udp");
        if (!connection && !natted) {
            return uri;
        }
        SipURI out = (SipURI) contact.clone();
        out.setHost(sourceHost);
        out.setPort(sourcePort);
        if (connection) {
            out.setTransportParam(transport);
        }
        return out;
    }

    /**
     * @param path a binding's Path (RFC 3327), or null
     * @return the Route a request to the binding carries: its Path entries in order, none without one
     */
    public List<Address> route(String path) throws ParseException {
        List<Address> out = new ArrayList<>();
        if (path != null) {
            Matcher entry = PATH_ENTRY.matcher(path);
            while (entry.find()) {
                out.add(addresses.createAddress(entry.group(1)));
            }
        }
        return out;
    }

    /** one Path entry, always a name-addr in angle brackets (RFC 3327 section 4) */
    private static final Pattern PATH_ENTRY = Pattern.compile("<([^>]+)>");

    private static final Pattern IPV4_DIGITS = Pattern.compile("[0-9.]+");

    static boolean privateAddress(String host) {
        String[] p = host.split("\\.");
        if (p.length != 4 || !IPV4_DIGITS.matcher(host).matches()) {
            return false;
        }
        int a = Integer.parseInt(p[0]);
        int b = Integer.parseInt(p[1]);
        return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127);
    }

    /** Our Contact on leg A, reachable from where the caller's INVITE came. */
    ContactHeader contactOnLegA(Call call) throws ParseException {
        return contactFor(call.aInvite, call.aProvider, call.sips());
    }

    /** Our Contact in answers to a request, reachable from where it came. */
    ContactHeader contactFor(Request request, SipProvider provider, boolean sips)
            throws ParseException {
        PacketSource source = PacketSource.of(request);
        ListeningPoint lp = provider.getListeningPoint(source.transport());
        if (lp == null) {
            lp = provider.getListeningPoints()[0];
        }
        return contact(host(lp, source.host()), lp.getPort(), lp.getTransport().toLowerCase(Locale.ROOT),
                sips);
    }

    /** @param sips whether the dialog is to a sips: address, whose Contact is then sips: too (RFC 5630 4.3) */
    ContactHeader contact(String host, int port, String transport, boolean sips) throws ParseException {
        SipURI uri = addresses.createSipURI(null, host);
        uri.setSecure(sips);
        uri.setPort(port);
        if (!"udp".equals(transport)) {
            uri.setTransportParam(transport);
        }
        Address a = addresses.createAddress(uri);
        return headers.createContactHeader(a);
    }

    /** The listening point a request to a peer leaves from, and our address as that peer reaches it. */
    public record Way(SipProvider provider, ListeningPoint point, String transport, String host) {
    }

    /** @return the way to {@code next} (the request's first hop) through the provider of its transport */
    public Way way(URI next, Function<String, SipProvider> providers) {
        String transport = transport(next);
        SipProvider provider = providers.apply(transport);
        if (provider == null) {
            throw new IllegalStateException("no " + transport + " listening point");
        }
        ListeningPoint lp = provider.getListeningPoint(transport);
        return new Way(provider, lp, transport, host(lp, next instanceof SipURI s ? s.getHost() : null));
    }

    /** @return the address to put in Via and Contact towards a peer: the point's own, unless it listens on every address */
    public String host(ListeningPoint lp, String peer) {
        String own = pointAddresses.computeIfAbsent(lp, ListeningPoint::getIPAddress);
        return wildcard(own) ? host(peer) : own;
    }

    /**
     * The stack writes in-dialog requests' Via and Contact with the listening point's address,
     * which for a point on every address is 0.0.0.0 or [0:0:0:0:0:0:0:0]: a target refresh a phone
     * would follow to nowhere. They name the address the peer reaches us at instead.
     */
    Request advertised(Request r) throws ParseException {
        String peer = r.getRequestURI() instanceof SipURI s ? s.getHost() : null;
        ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
        if (via != null && wildcard(via.getHost())) {
            via.setHost(host(peer));
        }
        ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
        if (contact != null && contact.getAddress().getURI() instanceof SipURI uri && wildcard(uri.getHost())) {
            uri.setHost(host(peer));
        }
        return r;
    }

    static boolean wildcard(String host) {
        String h = host == null ? "" : host.replace("[", "").replace("]", "");
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    /** @return our address for a peer: loopback for a loopback peer, else the advertised address */
    public String host(String peer) {
        if (peer != null && (peer.equals("localhost") || peer.equals("::1") || peer.startsWith("127."))) {
            return "127.0.0.1";
        }
        return advertised;
    }
}
