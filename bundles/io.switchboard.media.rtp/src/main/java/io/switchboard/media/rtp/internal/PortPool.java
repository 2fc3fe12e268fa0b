package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;

import io.switchboard.media.api.MediaException;

/**
 * The relay's port range, handed out as pairs of an even RTP port and the RTCP port above it
 * (RFC 3550 11). A port another program holds is skipped; the search goes on from where the last
 * one ended, so that a port just freed is not handed out again at once. It begins at a random pair: a server
 * started again would otherwise open its first calls on the ports of its last ones, where their phones' late
 * packets may still arrive and, from the same host, latch.
 */
final class PortPool {

    /** An RTP and an RTCP socket, bound and non-blocking. */
    record Pair(DatagramChannel rtp, DatagramChannel rtcp, int port) {
    }

    private final InetAddress bind;
    private final int first;
    private final int pairs;
    private final BitSet used;
    private int next;

    /** @param first the range's first port, even; @param last its last */
    PortPool(InetAddress bind, int first, int last) {
        this.bind = bind;
        this.first = first + (first & 1);
        this.pairs = Math.max(0, (last - this.first + 1) / 2);
        this.used = new BitSet(pairs);
        this.next = pairs == 0 ? 0 : ThreadLocalRandom.current().nextInt(pairs);
    }

    synchronized Pair take() throws MediaException {
        for (int tried = 0; tried < pairs; tried++) {
            int pair = (next + tried) % pairs;
            if (used.get(pair)) {
                continue;
            }
            int port = first + 2 * pair;
            DatagramChannel rtp = null;
            try {
                rtp = open(port);
                DatagramChannel rtcp = open(port + 1);
                used.set(pair);
                next = (pair + 1) % pairs;
                return new Pair(rtp, rtcp, port);
            } catch (IOException inUse) {
                close(rtp);
            }
        }
        throw new MediaException("No free RTP port pair left in " + first + "-" + (first + 2 * pairs - 1)
                + " (" + used.cardinality() + " pairs in use)");
    }

    synchronized void give(Pair pair) {
        close(pair.rtp());
        close(pair.rtcp());
        used.clear((pair.port() - first) / 2);
    }

    synchronized int portsInUse() {
        return 2 * used.cardinality();
    }

    int portsTotal() {
        return 2 * pairs;
    }

    private DatagramChannel open(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(bind instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(bind, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static void close(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a UDP socket has nothing to report
            }
        }
    }
}
