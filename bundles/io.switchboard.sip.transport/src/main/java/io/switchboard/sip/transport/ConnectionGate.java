package io.switchboard.sip.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who may hold a SIP connection (TCP or TLS) to the switch, and for how long. jain-sip gives every
 * accepted connection a thread and a file descriptor and keeps it while the peer is silent, so one
 * address opening thousands of idle connections took both from everyone. Here a connection is
 * refused at accept when its address (IPv6: its /64) holds {@code perSource} already or the switch
 * {@code max}; a connection that sends nothing within {@code firstMessageMillis} is closed, and one
 * that has spoken may then stay silent for {@code idleMillis} (long enough for a phone's keep-alive
 * or re-registration).
 *
 * @param max connections at once, all sources together
 * @param perSource connections at once from one address
 */
public record ConnectionGate(int max, int perSource, int firstMessageMillis, int idleMillis, Counts counts) {

    /** What is open now, and what was refused. */
    public static final class Counts {
        private final AtomicInteger open = new AtomicInteger();
        private final Map<InetAddress, AtomicInteger> bySource = new ConcurrentHashMap<>();
        private final AtomicLong refused = new AtomicLong();

        public int open() {
            return open.get();
        }

        public long refused() {
            return refused.get();
        }
    }

    public static final ConnectionGate DEFAULT = new ConnectionGate(2048, 32, 10_000, 7_200_000, new Counts());

    /** @return a gate with these limits and new counts */
    public static ConnectionGate of(int max, int perSource, int firstMessageSeconds, int idleSeconds) {
        return new ConnectionGate(max, perSource, firstMessageSeconds * 1000, idleSeconds * 1000, new Counts());
    }

    /** A listening socket whose accepted connections pass this gate. */
    ServerSocket serverSocket(int port, int backlog, InetAddress address) throws IOException {
        return new ServerSocket(port, backlog, address) {
            @Override
            public Socket accept() throws IOException {
                return ConnectionGate.this.admitted(socket -> implAccept(socket));
            }
        };
    }

    /** A listening socket's own {@code implAccept}, which only a subclass may call. */
    interface Acceptor {
        void acceptInto(Socket socket) throws IOException;
    }

    /**
     * Accepts until a connection may stay: the refused are closed at once, before jain-sip gives
     * them a thread.
     */
    Socket admitted(Acceptor listening) throws IOException {
        while (true) {
            Gated socket = new Gated(this);
            listening.acceptInto(socket);
            if (socket.enter()) {
                socket.setSoTimeout(firstMessageMillis);
                return socket;
            }
            counts.refused.incrementAndGet();
            socket.close();
        }
    }


    /** A connection counted while open; once it has spoken, the first-message timeout becomes the idle one. */
    static final class Gated extends Socket {
        private final ConnectionGate gate;
        private InetAddress counted;
        private volatile boolean spoke;

        Gated(ConnectionGate gate) {
            this.gate = gate;
        }

        boolean enter() {
            InetAddress source = Subscribers.of(getInetAddress());
            if (gate.counts.open.incrementAndGet() > gate.max) {
                gate.counts.open.decrementAndGet();
                return false;
            }
            AtomicInteger mine = gate.counts.bySource.computeIfAbsent(source, a -> new AtomicInteger());
            if (mine.incrementAndGet() > gate.perSource) {
                mine.decrementAndGet();
                gate.counts.open.decrementAndGet();
                return false;
            }
            counted = source;
            return true;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    spoken(n);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    int c = super.read();
                    spoken(c < 0 ? -1 : 1);
                    return c;
                }
            };
        }

        private void spoken(int n) throws SocketException {
            if (n > 0 && !spoke) {
                spoke = true;
                setSoTimeout(gate.idleMillis);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            InetAddress source = counted;
            counted = null;
            if (source != null) {
                gate.counts.open.decrementAndGet();
                gate.counts.bySource.computeIfPresent(source, (a, c) -> c.decrementAndGet() <= 0 ? null : c);
            }
            super.close();
        }
    }
}
