package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import io.switchboard.media.api.LocalDatagrams;

/**
 * A stream's RTP socket: what comes to it, through the kernel or on the server's in-process path from the relay,
 * goes to its handler; what it sends to a socket of this server (the relay's) takes that path, the rest the kernel.
 */
final class RtpSocket implements AutoCloseable {

    private final DatagramChannel channel;
    private final Datagrams.Handler handler;
    private final LocalDatagrams local;
    private final InetSocketAddress bound;
    private final LocalDatagrams.Binding binding;

    /** @param local the server's in-process path to the relay's sockets, or null */
    RtpSocket(DatagramChannel channel, Datagrams.Handler handler, LocalDatagrams local) throws IOException {
        this.channel = channel;
        this.handler = handler;
        this.local = local;
        this.bound = (InetSocketAddress) channel.getLocalAddress();
        Datagrams.receive(channel, handler);
        this.binding = local == null ? null : local.bind(bound, handler::packet);
    }

    /** @return an RTP socket on an even port of the host's address, and one for RTCP on the port above */
    static DatagramChannel[] pair(String host) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            DatagramChannel rtp = DatagramChannel.open();
            rtp.bind(new InetSocketAddress(host, 0));
            int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            if (port % 2 == 0) {
                DatagramChannel rtcp = DatagramChannel.open();
                try {
                    rtcp.bind(new InetSocketAddress(host, port + 1));
                    return new DatagramChannel[] { rtp, rtcp };
                } catch (IOException taken) {
                    rtcp.close();
                }
            }
            rtp.close();
        }
        throw new IOException("No even RTP port with a free RTCP port above it on " + host);
    }

    int port() {
        return bound.getPort();
    }

    void send(ByteBuffer packet, SocketAddress to) {
        if (local != null && to instanceof InetSocketAddress address && local.send(packet, bound, address)) {
            return;
        }
        try {
            channel.send(packet, to);
        } catch (IOException e) {
            // an ICMP unreachable from a phone that went away: the call's own signalling ends it
        }
    }

    /**
     * Takes the packets still in the socket: a caller's last frames, sent just before its BYE, that
     * the receiving thread has not read yet when the call ends; a recording keeps them.
     */
    void takeWaiting() {
        ByteBuffer b = ByteBuffer.allocate(2048);
        try {
            for (int n = 0; n < 100; n++) {
                b.clear();
                SocketAddress from = channel.receive(b);
                if (from == null) {
                    return;
                }
                b.flip();
                handler.packet(b, from, System.nanoTime());
            }
        } catch (IOException | RuntimeException e) {
            // the socket is closing anyway: what was read is kept
        }
    }

    @Override
    public void close() {
        if (binding != null) {
            binding.close();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
