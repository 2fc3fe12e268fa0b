package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/** The receiving loop of a call's RTP and RTCP sockets, each on a thread of its own. */
final class Datagrams {

    /** Takes one packet, from its position to its limit. */
    @FunctionalInterface
    interface Handler {
        void packet(ByteBuffer packet, SocketAddress from, long arrivalNanos);
    }

    private Datagrams() {
    }

    /** Hands each packet to the handler until the channel closes; a packet the handler fails on is skipped. */
    static void receive(DatagramChannel channel, int size, Handler handler) {
        ByteBuffer b = ByteBuffer.allocate(size);
        while (channel.isOpen()) {
            try {
                b.clear();
                SocketAddress from = channel.receive(b);
                long now = System.nanoTime();
                b.flip();
                handler.packet(b, from, now);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a bad packet: the next one counts
            }
        }
    }
}
