package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The receiving of every call's RTP and RTCP sockets, on a few selector threads shared by all calls
 * (as the media relay receives): a thread per socket would cost a thread switch per packet and a
 * thousand threads for five hundred calls.
 */
final class Datagrams {

    /** Takes one packet, from its position to its limit; it must copy what it keeps. */
    @FunctionalInterface
    interface Handler {
        void packet(ByteBuffer packet, SocketAddress from, long arrivalNanos);
    }

    private static final int LOOPS = 2;
    private static final Loop[] ALL = new Loop[LOOPS];
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Datagrams() {
    }

    /**
     * Hands each packet that comes to the channel to the handler until the channel closes; a packet the
     * handler fails on is skipped. The channel is switched to non-blocking: a send that finds the
     * socket's buffer full drops the packet, as a busy network would.
     */
    static void receive(DatagramChannel channel, Handler handler) throws IOException {
        channel.configureBlocking(false);
        loop(Math.floorMod(NEXT.getAndIncrement(), LOOPS)).add(channel, handler);
    }

    private static synchronized Loop loop(int i) throws IOException {
        if (ALL[i] == null) {
            ALL[i] = new Loop(i);
        }
        return ALL[i];
    }

    private static final class Loop implements Runnable {
        private final Selector selector = Selector.open();
        private final Queue<Object[]> added = new ConcurrentLinkedQueue<>();
        private final ByteBuffer buffer = ByteBuffer.allocate(2048);
        private final Consumer<SelectionKey> drain = this::drain;

        Loop(int n) throws IOException {
            Thread.ofPlatform().daemon().name("switchboard-phone-rtp-" + n).priority(Thread.MAX_PRIORITY).start(this);
        }

        void add(DatagramChannel channel, Handler handler) {
            added.add(new Object[] { channel, handler });
            selector.wakeup();
        }

        @Override
        public void run() {
            while (true) {
                try {
                    // a timeout, so that the keys of closed channels are let go of (their ports freed) soon; the
                    // keys handed to an action rather than collected in a set, which would make garbage per packet
                    selector.select(drain, 100);
                    for (Object[] a; (a = added.poll()) != null;) {
                        DatagramChannel ch = (DatagramChannel) a[0];
                        if (ch.isOpen()) {
                            ch.register(selector, SelectionKey.OP_READ, a[1]);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // the selector itself failed: nothing here can go on
                } catch (RuntimeException e) {
                    // a channel closed under us: its key goes at the next select
                }
            }
        }

        private void drain(SelectionKey key) {
            DatagramChannel ch = (DatagramChannel) key.channel();
            Handler handler = (Handler) key.attachment();
            for (int n = 0; n < 64 && key.isValid(); n++) {
                try {
                    buffer.clear();
                    SocketAddress from = ch.receive(buffer);
                    if (from == null) {
                        return;
                    }
                    long now = System.nanoTime();
                    buffer.flip();
                    handler.packet(buffer, from, now);
                } catch (IOException | RuntimeException e) {
                    if (!ch.isOpen()) {
                        return;
                    }
                    // a bad packet: the next one counts
                }
            }
        }
    }
}
