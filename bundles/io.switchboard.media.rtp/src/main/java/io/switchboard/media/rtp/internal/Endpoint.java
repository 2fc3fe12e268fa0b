package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.LocalDatagrams;

/**
 * One of the relay's sockets, facing one leg: what it receives comes from that leg, what the other
 * leg sends goes out of it to that leg. It sends to the address the leg's SDP signalled until it
 * latches onto the address the leg's packets really come from (symmetric RTP, for phones behind
 * NAT): a source may latch while the window is open, once, if it is on the host the leg's SDP or
 * SIP came from (any host when the switch did not say where its SIP came from; any address of this
 * machine for a phone on it, which may send from another of its addresses); afterwards only
 * the latched and the signalled address are heard, so that nobody can inject into or hijack the stream.
 */
final class Endpoint {

    final RtpSession session;
    final RelayStream stream;
    final Leg leg;
    final boolean rtcp;
    final DatagramChannel channel;
    final int port;
    /** The socket's local address (its host the relay's bind address), or null when it could not be read. */
    final InetSocketAddress bound;
    /** Its place on the server's in-process path, or null. Relay thread only. */
    LocalDatagrams.Binding binding;
    /** Set by the SIP thread that rewrites the leg's SDP, read by the relay's thread. */
    private volatile InetSocketAddress signalled;
    private volatile InetSocketAddress peer;
    private volatile boolean latched;
    /** Where the leg was sent before its SDP named another address: its late packets never latch. */
    private volatile InetSocketAddress retired;
    /** The party the SDP names was heard from the address it named: nobody else needs to latch. */
    private volatile boolean heard;
    private volatile long windowEnd;
    /** The host the leg's SIP came from, or null when not known. */
    private volatile InetAddress sipHost;

    Endpoint(RelayStream stream, Leg leg, boolean rtcp, DatagramChannel channel, int port) {
        this.stream = stream;
        this.session = stream.session;
        this.leg = leg;
        this.rtcp = rtcp;
        this.channel = channel;
        this.port = port;
        InetSocketAddress address;
        try {
            address = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            address = null;
        }
        this.bound = address;
    }

    /** The leg signalled a (new) address: send there, and let its packets latch again for {@code windowNanos}. */
    void signal(InetSocketAddress address, long now, long windowNanos) {
        if (!address.equals(signalled)) {
            // a call handed on (a queue's agent answers): the party it left may still send a packet or two, which
            // must not latch the stream away from the party the SDP now names
            retired = peer;
            signalled = address;
            peer = address;
            latched = false;
            heard = false;
        }
        reopen(now, windowNanos);
    }

    /** The offer/answer exchange completed: an unlatched leg may latch from now on. */
    void reopen(long now, long windowNanos) {
        if (!latched) {
            windowEnd = now + windowNanos;
        }
    }

    /** @return whether a packet from {@code source} is heard (and latches onto it when it may) */
    boolean accept(InetSocketAddress source, long now) {
        InetSocketAddress current = peer;
        if (source.equals(current)) {
            if (!heard && source.equals(signalled)) {
                heard = true;
            }
            return true;
        }
        if (source.equals(signalled)) {
            peer = signalled;
            heard = true;
            return true;
        }
        // a party the SDP does not name yet (an agent answering a queue's caller sends before the switch has read
        // its answer) must not latch away from the one it names and who is heard from where it said
        if (!latched && !heard && now - windowEnd < 0 && !source.equals(retired) && mayLatch(source.getAddress())) {
            // a copy: the channel reuses the address object it hands out for the next sender
            peer = new InetSocketAddress(source.getAddress(), source.getPort());
            latched = true;
            return true;
        }
        return false;
    }

    void sipHost(InetAddress host) {
        sipHost = host;
    }

    /** Only in the latch window, for a source not heard before: the lookups here are not on every packet. */
    private boolean mayLatch(InetAddress host) {
        InetAddress sip = sipHost;
        InetSocketAddress sdp = signalled;
        return sip == null || host.equals(sip) || sdp != null && host.equals(sdp.getAddress())
                || local(sip) && local(host); // a phone on this very host may send from any of its addresses
    }

    private static boolean local(InetAddress a) {
        try {
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** @return where to send to this leg, or null before its SDP */
    InetSocketAddress peer() {
        return peer;
    }
}
