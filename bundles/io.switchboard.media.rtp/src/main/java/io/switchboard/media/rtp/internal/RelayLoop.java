package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.switchboard.media.api.LocalDatagrams;

/**
 * One relay thread: a selector over the sockets of the sessions given to it. Reads every datagram
 * into one direct buffer and hands it to its session, which measures and sends it on; nothing is
 * allocated per packet read from a socket (one from the phone engine of this server, on the in-process
 * path, is a copy). Sessions come and go through tasks the thread runs between selects.
 */
final class RelayLoop implements Runnable {

    private static final Logger LOG = System.getLogger(RelayLoop.class.getName());
    private static final long TICK_NANOS = 1_000_000_000L;
    /** Datagrams read from one socket before the others get their turn. */
    private static final int BATCH = 32;
    /** Datagrams from the in-process path handled between two selects. */
    private static final int INBOUND_BATCH = 1024;
    /** Datagrams from the in-process path waiting at most: past it they are dropped, as by a full socket. */
    private static final int INBOUND_LIMIT = 16384;

    /** Counted on the relay thread only; published once a second. */
    static final class Counters {
        long in;
        long out;
        long strangers;
        long unsent;
    }

    final Counters counters = new Counters();
    private volatile Counters published = new Counters();
    private volatile double packetsPerSecond;
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<RtpSession> sessions = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
    private final Consumer<SelectionKey> onReadable = this::readable;
    private final long timeoutNanos;
    private final Thread thread;
    /** The server's in-process path to the phone engine's sockets, or null. */
    private final LocalDatagrams local;
    /** Datagrams this server's own sockets sent to this thread's sockets without the kernel. */
    private final Queue<Inbound> inbound = new ConcurrentLinkedQueue<>();
    /** Datagrams in {@link #inbound}, and those dropped because it held {@link #INBOUND_LIMIT}. */
    private final AtomicInteger inboundWaiting = new AtomicInteger();
    private final AtomicLong inboundDropped = new AtomicLong();
    private volatile boolean running = true;
    private long now;
    private long nextTick;
    private long inAtTick;
    private long lastTick;

    /** A datagram from the in-process path, copied: the sender's buffer is its own again once it returns. */
    private record Inbound(Endpoint endpoint, byte[] packet, InetSocketAddress from, long arrival) {
    }

    /** @param local the server's in-process path to its own sockets, or null for none */
    RelayLoop(String name, long timeoutNanos, LocalDatagrams local) throws IOException {
        this.selector = Selector.open();
        this.timeoutNanos = timeoutNanos;
        this.local = local;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Registers a session's sockets with this thread. */
    void add(RtpSession session) {
        run(() -> {
            sessions.add(session);
            for (Endpoint e : session.endpoints()) {
                try {
                    e.channel.register(selector, SelectionKey.OP_READ, e);
                    bind(e);
                } catch (ClosedChannelException closed) {
                    LOG.log(Level.DEBUG, "Session " + session.callId() + " closed before it started");
                }
            }
        });
    }

    /** Registers the sockets of a stream added to a session (a video offered after the audio). */
    void register(RtpSession session, Endpoint[] endpoints) {
        run(() -> {
            for (Endpoint e : endpoints) {
                try {
                    if (!session.isClosed()) {
                        e.channel.register(selector, SelectionKey.OP_READ, e);
                        bind(e);
                    }
                } catch (ClosedChannelException closed) {
                    LOG.log(Level.DEBUG, "Session " + session.callId() + " closed before its stream started");
                }
            }
        });
    }

    /** On the relay thread: forgets a closing session (its channels close after). */
    /**
     * Relay thread only. The cancelled keys are flushed at once: a channel still registered with the
     * selector keeps its socket bound after close() until the next selection, and the next call
     * offered the pair just given back found its ports taken (a two-pair range ran out in a test).
     */
    void remove(RtpSession session) {
        sessions.remove(session);
        for (Endpoint e : session.endpoints()) {
            if (e.binding != null) {
                e.binding.close();
                e.binding = null;
            }
            SelectionKey key = e.channel.keyFor(selector);
            if (key != null) {
                key.cancel();
            }
        }
        try {
            selector.selectNow(onReadable); // deregisters the cancelled keys (and reads what is readable)
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(Level.DEBUG, "Selector: " + e.getMessage());
        }
    }

    /** Relay thread: the endpoint's socket takes datagrams from this server's own sockets without the kernel. */
    private void bind(Endpoint e) {
        if (local != null && e.bound != null && e.binding == null) {
            e.binding = local.bind(e.bound, (packet, from, arrival) -> {
                if (inboundWaiting.incrementAndGet() > INBOUND_LIMIT) {
                    inboundWaiting.decrementAndGet();
                    inboundDropped.incrementAndGet();
                    return;
                }
                byte[] copy = new byte[packet.remaining()];
                packet.get(packet.position(), copy);
                inbound.add(new Inbound(e, copy, from, arrival));
                selector.wakeup();
            });
        }
    }

    /** @return the server's in-process path, or null */
    LocalDatagrams local() {
        return local;
    }

    void run(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs a task on the relay thread and waits for it (a second at most). */
    void await(Runnable task) {
        if (Thread.currentThread() == thread || !running) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "Relay thread " + thread.getName() + " did not close a session: " + e);
        }
    }

    @Override
    public void run() {
        lastTick = System.nanoTime();
        nextTick = lastTick + TICK_NANOS;
        while (running) {
            try {
                selector.select(onReadable, 200);
                now = System.nanoTime();
                // at most what a round of the engine's ticks sends: the tasks below (a session's close, on which a
                // call's BYE waits) are never starved by a sender faster than this thread
                Inbound in;
                for (int n = 0; n < INBOUND_BATCH && (in = inbound.poll()) != null; n++) {
                    inbound(in);
                }
                if (!inbound.isEmpty()) {
                    selector.wakeup();
                }
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                if (now - nextTick >= 0) {
                    tick();
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Relay thread " + thread.getName() + ": " + e);
            }
        }
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    private void readable(SelectionKey key) {
        Endpoint endpoint = (Endpoint) key.attachment();
        long arrival = System.nanoTime();
        try {
            for (int i = 0; i < BATCH; i++) {
                buffer.clear();
                InetSocketAddress source = (InetSocketAddress) endpoint.channel.receive(buffer);
                if (source == null) {
                    return;
                }
                buffer.flip();
                counters.in++;
                if (!endpoint.session.isClosed()) {
                    endpoint.session.packet(endpoint, source, buffer, arrival);
                }
            }
        } catch (IOException e) {
            // ICMP port unreachable from a peer that went away shows here: the packet is lost, the socket fine
            counters.unsent++;
        }
    }

    private void inbound(Inbound in) {
        inboundWaiting.decrementAndGet();
        counters.in++;
        if (in.endpoint.session.isClosed()) {
            return;
        }
        buffer.clear();
        buffer.put(in.packet).flip();
        try {
            in.endpoint.session.packet(in.endpoint, in.from, buffer, in.arrival);
        } catch (IOException e) {
            counters.unsent++;
        }
    }

    private void tick() {
        counters.unsent += inboundDropped.getAndSet(0);
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).tick(now, timeoutNanos);
        }
        Counters copy = new Counters();
        copy.in = counters.in;
        copy.out = counters.out;
        copy.strangers = counters.strangers;
        copy.unsent = counters.unsent;
        packetsPerSecond = (copy.in - inAtTick) * 1e9 / Math.max(1, now - lastTick);
        inAtTick = copy.in;
        lastTick = now;
        published = copy;
        nextTick = now + TICK_NANOS;
    }

    Counters counters() {
        return published;
    }

    double packetsPerSecond() {
        return packetsPerSecond;
    }

    void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Cannot close the selector: " + e);
        }
    }
}
