package io.switchboard.media.rtp.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
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

    /** How long the host's addresses are taken as they were read: an address may move to another machine. */
    private static final long ADDRESSES_NANOS = 30_000_000_000L;

    private final AtomicReferenceArray<Bound> ports = new AtomicReferenceArray<>(65536);
    private volatile Set<InetAddress> hostAddresses = Set.of();
    private volatile long addressesRead = System.nanoTime() - 2 * ADDRESSES_NANOS;

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
        if (!bound.isAnyLocalAddress()) {
            return bound.equals(to);
        }
        // an IPv4 socket hears no IPv6 datagram; the IPv6 wildcard hears both
        return (bound instanceof Inet6Address || to instanceof Inet4Address) && isLocal(to);
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
        return a.isLoopbackAddress() || a.isAnyLocalAddress() || addresses().contains(a);
    }

    /** @return the host's addresses, read again when they are older than {@link #ADDRESSES_NANOS} */
    private Set<InetAddress> addresses() {
        long now = System.nanoTime();
        if (now - addressesRead > ADDRESSES_NANOS) {
            addressesRead = now;
            Set<InetAddress> read = new HashSet<>();
            try {
                NetworkInterface.networkInterfaces().forEach(n -> n.inetAddresses().forEach(read::add));
                hostAddresses = Set.copyOf(read);
            } catch (SocketException e) {
                // the interfaces cannot be read now: the last ones read stand
            }
        }
        return hostAddresses;
    }
}
