import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The load programs' phones' media: PCMU silence every 20 ms (and RFC 4733 keys when asked), and the timing of
 * every frame received against its own RTP timestamp: how late each frame came past the earliest frame of its
 * stream, with the stream's clock (8 kHz) as the schedule. One thread sends, one receives. Not shipped.
 */
final class RtpStreams {

    static final long TICK = 20_000_000L;
    private static final int FRAME_BYTES = 160;
    private static final int EVENT_PT = 101;
    /** Lateness kept in steps of 0.1 ms up to 2 s; beyond that in the last step. */
    private static final int STEPS = 20_000;

    /** One phone's stream. */
    static final class Stream {
        final DatagramChannel channel;
        volatile InetSocketAddress peer;
        volatile boolean sending;
        /** A key to send as RFC 4733 events, 0 for none: set by the caller's thread, sent by the sender. */
        volatile char key;
        private long next;
        private int seq;
        private int ts;
        private final int ssrc = (int) System.nanoTime();
        private int keyPacket;
        private int keyTs;
        // the receiver's own: the stream's first frame, its source and the earliest any frame came
        private int source;
        private long firstArrival;
        private long firstTs;
        private long earliest = Long.MAX_VALUE;
        private boolean heard;

        private Stream(DatagramChannel channel) {
            this.channel = channel;
        }

        int port() throws IOException {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }
    }

    private final Selector selector;
    private final Map<DatagramChannel, Stream> streams = new ConcurrentHashMap<>();
    private final AtomicLongArray lateness = new AtomicLongArray(STEPS);
    private final AtomicLong received = new AtomicLong();
    private volatile boolean measuring;
    /** Frames the sender sent again at the next turn because its socket's buffer was full. */
    final AtomicLong sendRetries = new AtomicLong();

    RtpStreams() throws IOException {
        selector = Selector.open();
        Thread.ofPlatform().daemon().name("rtp-send").start(this::sendLoop);
        Thread.ofPlatform().daemon().name("rtp-receive").start(this::receiveLoop);
    }

    Stream open(String ip) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(ip, 0));
        ch.configureBlocking(false);
        Stream s = new Stream(ch);
        streams.put(ch, s);
        synchronized (this) {
            selector.wakeup();
            ch.register(selector, SelectionKey.OP_READ);
        }
        return s;
    }

    /** Sends silence to the peer from now on. */
    void start(Stream s, InetSocketAddress peer) {
        s.next = System.nanoTime();
        s.peer = peer;
        s.sending = true;
    }

    void close(Stream s) {
        s.sending = false;
        streams.remove(s.channel);
        try {
            s.channel.close();
        } catch (IOException e) {
            // closing a datagram channel: nothing to keep
        }
    }

    /** Counts frames and their lateness from now on, from zero. */
    void measure(boolean on) {
        if (on) {
            for (int i = 0; i < STEPS; i++) {
                lateness.set(i, 0);
            }
            received.set(0);
        }
        measuring = on;
    }

    long received() {
        return received.get();
    }

    /** @return the lateness at that percentile in milliseconds, of the frames counted while measuring */
    double latenessMillis(double percentile) {
        long all = 0;
        for (int i = 0; i < STEPS; i++) {
            all += lateness.get(i);
        }
        long want = (long) Math.ceil(percentile / 100 * all);
        long seen = 0;
        for (int i = 0; i < STEPS; i++) {
            seen += lateness.get(i);
            if (seen >= want && seen > 0) {
                return i / 10.0;
            }
        }
        return Double.NaN;
    }

    private void sendLoop() {
        ByteBuffer buf = ByteBuffer.allocate(12 + FRAME_BYTES);
        while (true) {
            long now = System.nanoTime();
            List<Stream> all = new ArrayList<>(streams.values());
            for (Stream s : all) {
                if (!s.sending || s.next > now) {
                    continue;
                }
                buf.clear();
                boolean event = s.key != 0;
                if (event && s.keyPacket == 0) {
                    s.keyTs = s.ts;
                }
                buf.put((byte) 0x80).put((byte) (event ? (s.keyPacket == 0 ? 0x80 : 0) | EVENT_PT : 0))
                        .putShort((short) s.seq).putInt(event ? s.keyTs : s.ts).putInt(s.ssrc);
                if (event) {
                    // three packets of 20 ms each, the last (the end) sent three times as RFC 4733 asks
                    int digit = s.key == '*' ? 10 : s.key == '#' ? 11 : s.key - '0';
                    boolean end = s.keyPacket >= 2;
                    buf.put((byte) digit).put((byte) (end ? 0x8a : 0x0a)).putShort((short) (160 * Math.min(3,
                            s.keyPacket + 1)));
                } else {
                    for (int i = 0; i < FRAME_BYTES; i++) {
                        buf.put((byte) 0xff);
                    }
                }
                buf.flip();
                try {
                    if (s.channel.send(buf, s.peer) == 0) {
                        sendRetries.incrementAndGet();
                        continue;
                    }
                } catch (IOException closed) {
                    continue;
                }
                s.seq++;
                if (event && ++s.keyPacket < 5) {
                    if (s.keyPacket > 2) {
                        continue; // the end's copies go at once
                    }
                } else if (event) {
                    s.keyPacket = 0;
                    s.key = 0;
                }
                s.ts += FRAME_BYTES;
                s.next += TICK;
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (true) {
            try {
                synchronized (this) {
                    // lets open() register channels between selections
                }
                selector.select(50);
                long now = System.nanoTime();
                for (SelectionKey k : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) k.channel();
                    Stream s = streams.get(ch);
                    while (true) {
                        buf.clear();
                        if (ch.receive(buf) == null) {
                            break;
                        }
                        if (s != null && buf.position() >= 12 && (buf.get(1) & 0x7f) != EVENT_PT) {
                            timed(s, buf, now);
                        }
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | ClosedSelectorException e) {
                // a channel closed under the selector: its key is gone at the next select
            } catch (CancelledKeyException gone) {
                selector.selectedKeys().clear();
            }
        }
    }

    /** Notes how late a frame came against the earliest of its stream; a new source starts the stream anew. */
    private void timed(Stream s, ByteBuffer frame, long arrival) {
        int source = frame.getInt(8);
        long ts = frame.getInt(4) & 0xffffffffL;
        if (!s.heard || source != s.source || Math.abs(ts - s.firstTs) > 8000L * 3600) {
            s.heard = true;
            s.source = source;
            s.firstArrival = arrival;
            s.firstTs = ts;
            s.earliest = 0;
        }
        long offset = (arrival - s.firstArrival) - (ts - s.firstTs) * 125_000L;
        if (offset < s.earliest) {
            s.earliest = offset;
        }
        if (measuring) {
            received.incrementAndGet();
            int step = (int) Math.min(STEPS - 1, (offset - s.earliest) / 100_000L);
            lateness.incrementAndGet(step);
        }
    }
}
