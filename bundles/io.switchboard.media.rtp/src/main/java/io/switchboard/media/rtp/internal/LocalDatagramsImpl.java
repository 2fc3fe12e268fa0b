package io.switchboard.media.rtp.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.osgi.service.component.annotations.Component;

import io.switchboard.media.api.LocalDatagrams;

/**
 * The in-process path between this server's media sockets: a table by port, so that finding whether a datagram
 * stays in this server costs an array read and allocates nothing. Each port holds the newest socket bound on it;
 * an older one on another address of the host is reached through the kernel, as before.
 */
@Component(service = LocalDatagrams.class)
public class LocalDatagramsImpl implements LocalDatagrams {

    /** Addresses of this host and others judged so far; cleared past this many (phones' addresses count too). */
    private static final int KNOWN_HOSTS = 4096;

    private final AtomicReferenceArray<Bound> ports = new AtomicReferenceArray<>(65536);
    private final Map<InetAddress, Boolean> local = new ConcurrentHashMap<>();

    private final class Bound implements Binding {
        final InetSocketAddress address;
        final Receiver receiver;
        /** This socket's address as the last host it sent to sees it (its own host, for a wildcard socket). */
        volatile InetSocketAddress seenAs;

        Bound(InetSocketAddress address, Receiver receiver) {
            this.address = address;
            this.receiver = receiver;
        }

        @Override
        public void close() {
            ports.compareAndSet(address.getPort(), this, null);
        }
    }

    @Override
    public Binding bind(InetSocketAddress bound, Receiver receiver) {
        Bound b = new Bound(bound, receiver);
        ports.set(bound.getPort(), b);
        return b;
    }

    @Override
    public boolean send(ByteBuffer packet, InetSocketAddress from, InetSocketAddress to) {
        Bound target = ports.get(to.getPort());
        if (target == null || !reaches(target.address.getAddress(), to.getAddress())) {
            return false;
        }
        try {
            target.receiver.datagram(packet, seenFrom(from, to.getAddress()), System.nanoTime());
        } catch (RuntimeException e) {
            // the receiver failed on this datagram, as on a bad packet through its socket: the next one counts
        }
        return true;
    }

    /** @return whether a socket bound on {@code bound} receives what is sent to {@code to} */
    private boolean reaches(InetAddress bound, InetAddress to) {
        return bound.isAnyLocalAddress() ? isLocal(to) : bound.equals(to);
    }

    /** @return the source a datagram through loopback carries: a wildcard socket sends from the host it sends to */
    private InetSocketAddress seenFrom(InetSocketAddress from, InetAddress to) {
        if (!from.getAddress().isAnyLocalAddress()) {
            return from;
        }
        Bound sender = ports.get(from.getPort());
        if (sender == null || !sender.address.equals(from)) {
            return new InetSocketAddress(to, from.getPort());
        }
        InetSocketAddress seen = sender.seenAs;
        if (seen == null || !seen.getAddress().equals(to)) {
            seen = new InetSocketAddress(to, from.getPort());
            sender.seenAs = seen;
        }
        return seen;
    }

    private boolean isLocal(InetAddress a) {
        Boolean known = local.get(a);
        if (known == null) {
            if (local.size() > KNOWN_HOSTS) {
                local.clear();
            }
            known = a.isLoopbackAddress() || a.isAnyLocalAddress() || interfaceAddress(a);
            local.put(a, known);
        }
        return known;
    }

    private static boolean interfaceAddress(InetAddress a) {
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
