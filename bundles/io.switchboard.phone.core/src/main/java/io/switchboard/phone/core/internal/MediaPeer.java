package io.switchboard.phone.core.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whose packets a call's RTP socket hears, as the relay judges its legs: the address the SDP names,
 * or one source it latches onto first (a phone behind NAT), within {@link #WINDOW_NANOS} of the SDP
 * and only on the host the SDP or the call's SIP came from. Anyone else's packets are dropped and
 * counted, so that a stranger who learns the port hears nothing and presses no key.
 */
final class MediaPeer {

    /** How long after an offer or answer a source other than the SDP's may still latch. */
    static final long WINDOW_NANOS = 10_000_000_000L;

    private volatile InetSocketAddress signalled;
    private volatile InetSocketAddress peer;
    private volatile InetAddress sipHost;
    /** Whether the SDP names an address of this machine: the phone then sends to us from loopback. */
    private volatile boolean sdpOnThisMachine;
    /** Once the signalled address was heard or a source latched, nobody else may latch. */
    private volatile boolean settled;
    private volatile long windowEnd;
    private final AtomicLong strangers = new AtomicLong();

    /**
     * The SDP named an address (again): send there, and let one source of the SDP's or the SIP's host
     * latch for a while.
     *
     * @param sip the host the call's signalling came from, or null when not known
     */
    synchronized void signal(InetSocketAddress sdp, InetAddress sip, long now) {
        if (!sdp.equals(signalled) || sip != null && !sip.equals(sipHost)) {
            sdpOnThisMachine = onThisMachine(sdp.getAddress());
            signalled = sdp;
            peer = sdp;
            settled = false;
            if (sip != null) {
                sipHost = sip;
            }
        }
        if (!settled) {
            windowEnd = now + WINDOW_NANOS;
        }
    }

    /** @return whether a packet from {@code source} is heard; latches onto it when it may */
    boolean accept(SocketAddress source, long now) {
        InetSocketAddress current = peer;
        if (current == null) {
            return false;
        }
        if (source.equals(signalled)) {
            if (!settled || current != signalled) {
                peer = signalled;
                settled = true;
            }
            return true;
        }
        if (source.equals(current)) {
            return true;
        }
        if (!settled && now - windowEnd < 0 && source instanceof InetSocketAddress from && mayLatch(from)) {
            synchronized (this) {
                if (!settled) {
                    // a copy: the channel may reuse the address object it hands out
                    peer = new InetSocketAddress(from.getAddress(), from.getPort());
                    settled = true;
                    return true;
                }
            }
        }
        strangers.incrementAndGet();
        return false;
    }

    /**
     * The SDP's host or the SIP's; or loopback itself (127.0.0.1, ::1, never another 127/8 address) for a
     * phone on this machine whose SDP names one of the machine's addresses: the kernel sends its packets
     * to our loopback socket from loopback.
     */
    private boolean mayLatch(InetSocketAddress from) {
        InetSocketAddress sdp = signalled;
        InetAddress host = from.getAddress();
        return sdp != null && host.equals(sdp.getAddress()) || host.equals(sipHost)
                || sdpOnThisMachine && (host.equals(LOOPBACK_V4) || host.equals(LOOPBACK_V6));
    }

    private static final InetAddress LOOPBACK_V4 = InetAddress.getLoopbackAddress();
    private static final InetAddress LOOPBACK_V6 = loopbackV6();

    private static InetAddress loopbackV6() {
        byte[] one = new byte[16];
        one[15] = 1;
        try {
            return InetAddress.getByAddress(one);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // sixteen bytes always make an address
        }
    }

    /** Asked once per SDP, not per packet: it reads the machine's interfaces. */
    private static boolean onThisMachine(InetAddress a) {
        try {
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** @return where to send, or null before any SDP */
    InetSocketAddress peer() {
        return peer;
    }

    /** @return the packets dropped because they came from someone else */
    long strangers() {
        return strangers.get();
    }
}
