package io.switchboard.media.api;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A path for datagrams between this server's own media sockets, the relay's and the phone engine's, that skips
 * the kernel: a caller waiting in a queue or a menu is anchored on the relay, and each of their frames would
 * otherwise cross loopback twice more (two system calls each way). A socket binds here under its local address;
 * a sender asks here first and sends through its socket only when no socket of this server took the datagram.
 * Delivery is what the kernel would do: the receiver sees the sender's address as a packet through loopback
 * would carry it.
 */
@ProviderType
public interface LocalDatagrams {

    /** Takes one datagram, from the buffer's position to its limit; it must copy what it keeps. */
    @FunctionalInterface
    interface Receiver {
        void datagram(ByteBuffer packet, InetSocketAddress from, long arrivalNanos);
    }

    /** A socket's place on the path, given back when the socket closes. */
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Hands the datagrams this server's sockets send to {@code bound} (a socket's local address, its host possibly
     * the wildcard) to the receiver, until the binding closes.
     */
    Binding bind(InetSocketAddress bound, Receiver receiver);

    /**
     * Delivers a datagram to a socket of this server bound where {@code to} reaches, on the calling thread.
     *
     * @param from the sending socket's local address, its host possibly the wildcard
     * @return whether a socket of this server took it; if not, the caller sends it through its own socket
     */
    boolean send(ByteBuffer packet, InetSocketAddress from, InetSocketAddress to);
}
