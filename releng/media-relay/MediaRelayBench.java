package io.switchboard.media.rtp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.ThreadMXBean;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaSession;

/**
 * G.711-like calls (50 packets/s each way, 172-byte RTP) relayed by Switchboard's RTP relay (in this
 * JVM) and by rtpengine (userspace, driven over its ng protocol), in steps of concurrent calls, and
 * sent phone to phone without a relay as the baseline. Per step: loss, one-way latency p50/p99 and
 * what the relay adds to the baseline's, the relay's CPU (its threads' CPU time; rtpengine's process
 * from /proc) per stream and streams per core, and bytes the relay threads allocated per packet.
 *
 * <pre>java ... MediaRelayBench RTPENGINE_NG_PORT RTPENGINE_PID STEPS SECONDS</pre>
 */
public final class MediaRelayBench {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int PAYLOAD = 160;
    private static final long TICK = 20_000_000L;

    /** A relay under test: sets up a call between two phones, says where each phone sends. */
    interface Peer {
        String name();

        /** @return {where A sends, where B sends} */
        InetSocketAddress[] call(int i, InetSocketAddress a, InetSocketAddress b) throws Exception;

        void hangup(int i) throws Exception;

        /** @return CPU seconds the relay has used so far */
        double cpuSeconds() throws IOException;

        /** @return bytes the relay's threads allocated so far, or -1 when not known */
        long allocatedBytes();
    }

    public static void main(String[] args) throws Exception {
        int ngPort = Integer.parseInt(args[0]);
        long rtpenginePid = Long.parseLong(args[1]);
        String[] steps = args[2].split(",");
        int seconds = Integer.parseInt(args[3]);
        RtpRelay relay = new RtpRelay(new RelaySettings(LOOPBACK, null, 40000, 49999, 10, 0, 2),
                Files.createTempDirectory("bench-recordings"));
        List<Peer> peers = List.of(new Direct(), new Switchboard(relay), new Rtpengine(ngPort, rtpenginePid));
        System.out.printf("%-11s %6s %7s %9s %8s %8s %8s %8s %7s %9s %9s %7s%n", "relay", "calls", "streams",
                "packets", "loss%", "p50us", "p99us", "+p99us", "cpu%", "us/stream", "str/core", "B/pkt");
        for (String step : steps) {
            int calls = Integer.parseInt(step.trim());
            double[] direct = null;
            for (Peer peer : peers) {
                double[] r = run(peer, calls, seconds);
                if (peer instanceof Direct) {
                    direct = r;
                }
                double cpuShare = r[4] / seconds;
                int streams = calls * 2;
                System.out.printf("%-11s %6d %7d %9d %8.3f %8.0f %8.0f %8s %7s %9s %9s %7s%n", peer.name(), calls,
                        streams, (long) r[0], r[1], r[2], r[3],
                        peer instanceof Direct ? "-" : String.format("%.0f", r[3] - direct[3]),
                        peer instanceof Direct ? "-" : String.format("%.1f", cpuShare * 100),
                        peer instanceof Direct ? "-" : String.format("%.1f", cpuShare * 1e6 / streams),
                        peer instanceof Direct ? "-" : String.format("%.0f", streams / Math.max(cpuShare, 1e-9)),
                        r[5] < 0 ? "-" : String.format("%.2f", r[5]));
            }
        }
        relay.stop();
        System.exit(0);
    }

    /** @return {packets sent, loss %, p50 us, p99 us, relay CPU seconds, allocated bytes per packet} */
    static double[] run(Peer peer, int calls, int seconds) throws Exception {
        DatagramChannel[] phones = new DatagramChannel[calls * 2];
        InetSocketAddress[] sendTo = new InetSocketAddress[calls * 2];
        Selector selector = Selector.open();
        for (int i = 0; i < calls; i++) {
            DatagramChannel a = phone(selector);
            DatagramChannel b = phone(selector);
            phones[2 * i] = a;
            phones[2 * i + 1] = b;
            InetSocketAddress[] to = peer.call(i, (InetSocketAddress) a.getLocalAddress(),
                    (InetSocketAddress) b.getLocalAddress());
            sendTo[2 * i] = to[0];
            sendTo[2 * i + 1] = to[1];
        }
        long[] histogram = new long[200_000]; // microseconds
        long[] received = new long[1];
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread receiver = Thread.ofPlatform().name("bench-receiver").start(() -> receive(selector, running, measuring,
                histogram, received));
        long warm = 2_000_000_000L;
        long start = System.nanoTime();
        long sent = 0;
        double cpu0 = 0;
        long alloc0 = 0;
        long measureFrom = start + warm;
        long end = measureFrom + seconds * 1_000_000_000L;
        ByteBuffer packet = ByteBuffer.allocateDirect(12 + PAYLOAD);
        int slots = 20;
        boolean started = false;
        for (long tick = 0;; tick++) {
            for (int slot = 0; slot < slots; slot++) {
                long due = start + tick * TICK + slot * (TICK / slots);
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                if (!started && due >= measureFrom) {
                    started = true;
                    Thread.sleep(0);
                    measuring.set(true);
                    cpu0 = peer.cpuSeconds();
                    alloc0 = peer.allocatedBytes();
                }
                for (int p = slot; p < phones.length; p += slots) {
                    packet.clear();
                    packet.put((byte) 0x80).put((byte) 0).putShort((short) tick).putInt((int) (tick * 160)).putInt(p);
                    packet.putLong(System.nanoTime());
                    packet.position(12 + PAYLOAD).flip();
                    phones[p].send(packet, sendTo[p]);
                    if (started) {
                        sent++;
                    }
                }
            }
            if (System.nanoTime() >= end) {
                break;
            }
        }
        double cpu = peer.cpuSeconds() - cpu0;
        long alloc = peer.allocatedBytes() - alloc0;
        Thread.sleep(200); // the last packets arrive
        measuring.set(false);
        running.set(false);
        selector.wakeup();
        receiver.join();
        for (int i = 0; i < calls; i++) {
            peer.hangup(i);
        }
        for (DatagramChannel c : phones) {
            c.close();
        }
        selector.close();
        long got = received[0];
        return new double[] { sent, 100.0 * Math.max(0, sent - got) / sent, percentile(histogram, got, 0.50),
                percentile(histogram, got, 0.99), cpu, peer.allocatedBytes() < 0 ? -1 : (double) alloc / Math.max(1, got) };
    }

    private static DatagramChannel phone(Selector selector) throws IOException {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_READ);
        return c;
    }

    private static void receive(Selector selector, AtomicBoolean running, AtomicBoolean measuring, long[] histogram,
            long[] received) {
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        try {
            while (running.get()) {
                selector.select(key -> {
                    try {
                        DatagramChannel c = (DatagramChannel) key.channel();
                        while (true) {
                            in.clear();
                            if (c.receive(in) == null) {
                                break;
                            }
                            long now = System.nanoTime();
                            if (measuring.get() && in.position() >= 20) {
                                long us = (now - in.getLong(12)) / 1000;
                                histogram[(int) Math.min(histogram.length - 1, Math.max(0, us))]++;
                                received[0]++;
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, 100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double percentile(long[] histogram, long total, double q) {
        long want = (long) Math.ceil(total * q);
        long seen = 0;
        for (int us = 0; us < histogram.length; us++) {
            seen += histogram[us];
            if (seen >= want && want > 0) {
                return us;
            }
        }
        return Double.NaN;
    }

    static String sdp(InetSocketAddress phone) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + phone.getPort()
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    }

    static InetSocketAddress media(String sdp) {
        String host = sdp.replaceAll("(?s).*c=IN IP4 ([^\\r\\n]+).*", "$1");
        int port = Integer.parseInt(sdp.replaceAll("(?s).*m=audio (\\d+).*", "$1"));
        return new InetSocketAddress(host, port);
    }

    /** No relay: each phone sends straight to the other (the harness's own latency). */
    static final class Direct implements Peer {
        public String name() {
            return "direct";
        }

        public InetSocketAddress[] call(int i, InetSocketAddress a, InetSocketAddress b) {
            return new InetSocketAddress[] { b, a };
        }

        public void hangup(int i) {
        }

        public double cpuSeconds() {
            return 0;
        }

        public long allocatedBytes() {
            return -1;
        }
    }

    /** Switchboard's relay in this JVM; its CPU and allocation are its relay threads'. */
    static final class Switchboard implements Peer {
        private final RtpRelay relay;
        private final List<MediaSession> sessions = new ArrayList<>();
        private final ThreadMXBean threads =
                (ThreadMXBean) ManagementFactory.getThreadMXBean();

        Switchboard(RtpRelay relay) {
            this.relay = relay;
        }

        public String name() {
            return "switchboard";
        }

        public InetSocketAddress[] call(int i, InetSocketAddress a, InetSocketAddress b) throws Exception {
            MediaSession s = relay.open("bench-" + i, null);
            sessions.add(s);
            InetSocketAddress toB = media(new String(s.rewrite(Leg.A, sdp(a).getBytes()), StandardCharsets.UTF_8));
            InetSocketAddress toA = media(new String(s.rewrite(Leg.B, sdp(b).getBytes()), StandardCharsets.UTF_8));
            return new InetSocketAddress[] { toA, toB };
        }

        public void hangup(int i) {
            sessions.get(i).close();
            if (i == sessions.size() - 1) {
                sessions.clear();
            }
        }

        private long[] relayThreads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("switchboard-media-")).mapToLong(Thread::threadId).toArray();
        }

        public double cpuSeconds() {
            long ns = 0;
            for (long id : relayThreads()) {
                ns += threads.getThreadCpuTime(id);
            }
            return ns / 1e9;
        }

        public long allocatedBytes() {
            long bytes = 0;
            for (long id : relayThreads()) {
                bytes += threads.getThreadAllocatedBytes(id);
            }
            return bytes;
        }
    }

    /** rtpengine over its ng control protocol (bencode over UDP); its CPU from /proc/PID/stat. */
    static final class Rtpengine implements Peer {
        private final DatagramChannel control;
        private final InetSocketAddress ng;
        private final long pid;
        private final double ticksPerSecond;
        private int cookie;

        Rtpengine(int port, long pid) throws Exception {
            this.ng = new InetSocketAddress(LOOPBACK, port);
            this.pid = pid;
            this.control = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
            this.control.socket().setSoTimeout(5000);
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            this.ticksPerSecond = Double.parseDouble(new String(p.getInputStream().readAllBytes()).trim());
        }

        public String name() {
            return "rtpengine";
        }

        public InetSocketAddress[] call(int i, InetSocketAddress a, InetSocketAddress b) throws Exception {
            String forB = ng("d7:command5:offer7:call-id" + str("bench-" + i) + "8:from-tag" + str("a" + i) + "3:sdp"
                    + str(sdp(a)) + "e");
            String forA = ng("d7:command6:answer7:call-id" + str("bench-" + i) + "8:from-tag" + str("a" + i)
                    + "6:to-tag" + str("b" + i) + "3:sdp" + str(sdp(b)) + "e");
            return new InetSocketAddress[] { media(forA), media(forB) };
        }

        public void hangup(int i) throws Exception {
            ng("d7:command6:delete7:call-id" + str("bench-" + i) + "8:from-tag" + str("a" + i) + "e");
        }

        private static String str(String s) {
            return s.getBytes(StandardCharsets.UTF_8).length + ":" + s;
        }

        /** @return the sdp of the answer; fails on anything but result ok */
        private String ng(String bencoded) throws IOException {
            String id = Integer.toString(++cookie);
            control.send(ByteBuffer.wrap((id + " " + bencoded).getBytes(StandardCharsets.UTF_8)), ng);
            byte[] buf = new byte[65536];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            control.socket().receive(reply);
            String r = new String(buf, 0, reply.getLength(), StandardCharsets.UTF_8);
            if (!r.contains("6:result2:ok")) {
                throw new IOException("rtpengine: " + r);
            }
            int at = r.indexOf("3:sdp");
            if (at < 0) {
                return null;
            }
            int colon = r.indexOf(':', at + 5);
            int len = Integer.parseInt(r.substring(at + 5, colon));
            return new String(r.substring(colon + 1).getBytes(StandardCharsets.UTF_8), 0, len, StandardCharsets.UTF_8);
        }

        public double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / ticksPerSecond;
        }

        public long allocatedBytes() {
            return -1;
        }
    }
}
