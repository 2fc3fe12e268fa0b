package io.switchboard.sip.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who may hold a SIP connection (TCP or TLS) to the switch, and for how long. jain-sip gives every
 * accepted connection a thread and a file descriptor and keeps it while the peer is silent, so one
 * address opening thousands of idle connections took both from everyone. Here a connection is
 * refused at accept when its address (IPv6: its /64) holds {@code perSource} already. When the
 * switch holds {@code max}, a newcomer takes the slot of a connection of the address holding the
 * most (one that never sent a whole message first, else its longest silent), if that address holds
 * at least two more than the newcomer's: many addresses filling every slot leave room for others.
 * A connection must send its first message within {@code firstMessageMillis} of opening, and over
 * TCP each later message within as long of its first byte: a half-sent message no longer holds a
 * slot for the idle time (an outside review filled every slot from 64 addresses so). Between whole
 * messages a connection may stay silent for {@code idleMillis} (a phone's keep-alive or
 * re-registration). Over TLS, where the messages are not seen here, the first bytes end the first
 * message's time.
 *
 * @param max connections at once, all sources together
 * @param perSource connections at once from one address
 */
public record ConnectionGate(int max, int perSource, int firstMessageMillis, int idleMillis, Counts counts) {

    /** What is open now, and what was refused. */
    public static final class Counts {
        /** The connections open, by source; guarded by this. */
        private final Map<InetAddress, Set<Gated>> bySource = new HashMap<>();
        private int open;
        private final AtomicLong refused = new AtomicLong();

        public synchronized int open() {
            return open;
        }

        public long refused() {
            return refused.get();
        }

        private synchronized void remove(Gated g) {
            if (g.counted == null) {
                return;
            }
            Set<Gated> mine = bySource.get(g.counted);
            if (mine != null && mine.remove(g) && mine.isEmpty()) {
                bySource.remove(g.counted);
            }
            g.counted = null;
            open--;
        }

        /**
         * @return a connection of the source holding the most, when it holds at least two more than
         *         one holding {@code have}: the first that never sent a whole message, else the one
         *         silent longest; null when the slots are shared fairly already
         */
        private Gated victim(int have) {
            Set<Gated> most = null;
            for (Set<Gated> s : bySource.values()) {
                if (most == null || s.size() > most.size()) {
                    most = s;
                }
            }
            if (most == null || most.size() < have + 2) {
                return null;
            }
            Gated quietest = null;
            for (Gated g : most) {
                if (!g.proven) {
                    return g; // in the order they came
                }
                if (quietest == null || g.lastRead < quietest.lastRead) {
                    quietest = g;
                }
            }
            return quietest;
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
                return ConnectionGate.this.admitted(socket -> implAccept(socket), true);
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
     *
     * @param framed whether the connection's bytes are SIP messages as sent (TCP), not TLS records
     */
    Socket admitted(Acceptor listening, boolean framed) throws IOException {
        while (true) {
            Gated socket = new Gated(this, framed);
            listening.acceptInto(socket);
            if (socket.enter()) {
                socket.setSoTimeout(firstMessageMillis);
                return socket;
            }
            counts.refused.incrementAndGet();
            socket.close();
        }
    }

    /**
     * A connection counted while open. Before each read its time is set: what is left of its first
     * message's or its current message's time, else the idle time.
     */
    static final class Gated extends Socket {
        private final ConnectionGate gate;
        private final MessageFrames frames;
        /** When it was accepted: set once it passed the gate, read by its reader thread after. */
        private volatile long opened;
        /** Where it is counted, null once it is not; guarded by the gate's counts. */
        private InetAddress counted;
        /** Whether it sent a whole message (TLS: any bytes). */
        private volatile boolean proven;
        private volatile long lastRead;
        private long messageStart;

        Gated(ConnectionGate gate, boolean framed) {
            this.gate = gate;
            this.frames = framed ? new MessageFrames() : null;
        }

        boolean enter() throws IOException {
            InetAddress source = Subscribers.of(getInetAddress());
            Gated victim = null;
            Counts counts = gate.counts;
            synchronized (counts) {
                Set<Gated> mine = counts.bySource.get(source);
                int have = mine == null ? 0 : mine.size();
                if (have >= gate.perSource) {
                    return false;
                }
                if (counts.open >= gate.max) {
                    victim = counts.victim(have);
                    if (victim == null) {
                        return false;
                    }
                    counts.remove(victim);
                }
                counts.bySource.computeIfAbsent(source, a -> new LinkedHashSet<>()).add(this);
                counts.open++;
                counted = source;
                opened = System.currentTimeMillis();
                lastRead = opened;
            }
            if (victim != null) {
                victim.close(); // its reader thread sees the socket closed and ends the channel
            }
            return true;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    timeLeft();
                    int n = super.read(b, off, len);
                    seen(b, off, n);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    timeLeft();
                    int c = super.read();
                    if (c >= 0) {
                        seen(new byte[] { (byte) c }, 0, 1);
                    }
                    return c;
                }
            };
        }

        /** Sets the read's timeout to what is left of the connection's time; none left: closed. */
        private void timeLeft() throws IOException {
            long now = System.currentTimeMillis();
            long deadline;
            if (frames != null && frames.inMessage()) {
                deadline = messageStart + gate.firstMessageMillis;
            } else if (!proven) {
                deadline = opened + gate.firstMessageMillis;
            } else {
                setSoTimeout(gate.idleMillis);
                return;
            }
            if (deadline <= now) {
                throw new SocketTimeoutException("No whole SIP message within " + gate.firstMessageMillis / 1000
                        + " s: connection closed");
            }
            setSoTimeout((int) (deadline - now));
        }

        private void seen(byte[] b, int off, int n) {
            if (n <= 0) {
                return;
            }
            long now = System.currentTimeMillis();
            lastRead = now;
            if (frames == null) {
                proven = true;
                return;
            }
            boolean was = frames.inMessage();
            long before = frames.completed();
            frames.feed(b, off, n);
            if (frames.completed() > before) {
                proven = true;
            }
            if (frames.inMessage() && (!was || frames.completed() > before)) {
                messageStart = now;
            }
        }

        @Override
        public synchronized void close() throws IOException {
            gate.counts.remove(this);
            super.close();
        }
    }
}
