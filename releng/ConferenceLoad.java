import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Conference bridge under load (issue 44): PARTICIPANTS calls of one CODEC (pcmu, g722, opus) from a
 * carrier (127.0.0.2) into rooms of ROOM_SIZE, each sending a tone frame every 20 ms and counting the
 * mix frames it gets back, held for SECONDS once all are in. Measured: the server's CPU (utime+stime,
 * and the JIT's share) per participant-second over that window, against a bare loop in this JVM that
 * does the same decode-mix-encode work on arrays (ConferenceCodec) with no network. Meanwhile two
 * G.711 probes in a room of their own (number +15550509999) time the bridge: a loud frame sent by one
 * every second, until the other gets the mix with it.
 *   java ConferenceLoad.java SIP_PORT SERVER_PID PARTICIPANTS SECONDS ROOM_SIZE [CODEC]
 */
public class ConferenceLoad {

    static final String CARRIER_IP = "127.0.0.2";
    static final int FRAME = 160;
    static final String PROBE_NUMBER = "+15550509999";
    private static ConferenceCodec codec;
    private static byte[][] toneFrames;
    /** When the probe's loud frame left, or 0 when none is on its way. */
    private static volatile long burstAt;
    private static final List<Long> DELAYS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final List<Leg> LEGS = new CopyOnWriteArrayList<>();
    private static final Map<DatagramChannel, Leg> BY_CHANNEL = new ConcurrentHashMap<>();
    private static Selector selector;

    /** One participant's media. */
    static final class Leg {
        final DatagramChannel channel;
        final long ssrc = SEQ.incrementAndGet() * 7919L;
        final AtomicLong received = new AtomicLong();
        /** 1: the probe that speaks, 2: the probe that listens, 0: a participant. */
        volatile int probe;
        volatile InetSocketAddress peer;
        int seq;
        long nextNanos;

        Leg(DatagramChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        int sipPort = Integer.parseInt(args[0]);
        long jpid = Long.parseLong(args[1]);
        int n = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int roomSize = Integer.parseInt(args[4]);
        codec = ConferenceCodec.of(args.length > 5 ? args[5] : "pcmu");
        toneFrames = codec.tone(440, 6000);
        double bare = bareLoop(roomSize);
        System.out.printf("%s bare loop (this JVM, no network): %.2f us per participant-frame: %.0f participants per "
                + "core%n", codec.name, bare, 20_000 / bare);
        selector = Selector.open();
        Thread.ofPlatform().daemon().name("rtp-send").start(ConferenceLoad::sendLoop);
        Thread.ofPlatform().daemon().name("rtp-receive").start(ConferenceLoad::receiveLoop);
        List<String[]> calls = new ArrayList<>();
        List<Thread> joining = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int p = i;
            joining.add(Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(p * 20L); // 50 a second
                    String[] c = join(sipPort, String.format("+1212%07d", p),
                            String.format("+1555050%04d", p / roomSize + 1), codec, 0);
                    if (c != null) {
                        synchronized (calls) {
                            calls.add(c);
                        }
                    }
                } catch (Exception e) {
                    System.err.println("participant " + p + ": " + e);
                }
            }));
        }
        for (Thread t : joining) {
            t.join();
        }
        System.out.printf("%d of %d participants in %d rooms of %d%n", calls.size(), n, (n + roomSize - 1) / roomSize,
                roomSize);
        ConferenceCodec pcmu = ConferenceCodec.of("pcmu");
        String[] speaker = join(sipPort, "+12129999998", PROBE_NUMBER, pcmu, 1);
        String[] listener = join(sipPort, "+12129999999", PROBE_NUMBER, pcmu, 2);
        Thread.sleep(3_000);
        long cpu0 = VoicemailLoad.cpuMicros(jpid);
        long jit0 = VoicemailLoad.compilerMicros(jpid);
        long got0 = LEGS.stream().mapToLong(l -> l.received.get()).sum();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double s = (System.nanoTime() - t0) / 1e9;
        long cpu = VoicemailLoad.cpuMicros(jpid) - cpu0;
        long jit = VoicemailLoad.compilerMicros(jpid) - jit0;
        long got = LEGS.stream().mapToLong(l -> l.received.get()).sum() - got0;
        List<Long> delays = new ArrayList<>(DELAYS);
        double perParticipant = cpu / (calls.size() * s);
        double withoutJit = (cpu - jit) / (calls.size() * s);
        System.out.printf("bridge: %d participants for %.0f s: server CPU %.1f s (%.0f %% of a core), of which JIT %.1f s;"
                + " %.0f us per participant-second (%.0f without the JIT): %.0f participants per core = %.2f of the bare "
                + "loop's; mix frames received %.1f %% of 50 a second%n", calls.size(), s, cpu / 1e6, cpu / 1e4 / s,
                jit / 1e6, perParticipant, withoutJit, 1e6 / perParticipant, (1e6 / perParticipant) / (20_000 / bare), 100.0 * got / ((calls.size() + 2) * 50 * s));
        System.out.println(audioTicks(jpid));
        Collections.sort(delays);
        if (delays.isEmpty() || speaker == null || listener == null) {
            System.out.println("through the bridge: the probes measured nothing");
        } else {
            System.out.printf("through the bridge (probe's packet in to the mix's packet out, %d bursts): p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", delays.size(), delays.get(delays.size() / 2) / 1e6,
                    delays.get(Math.min(delays.size() - 1, (int) (delays.size() * 0.99))) / 1e6,
                    delays.get(delays.size() - 1) / 1e6);
        }
        if (speaker != null) {
            calls.add(speaker);
        }
        if (listener != null) {
            calls.add(listener);
        }
        for (String[] c : calls) {
            Thread.ofVirtual().start(() -> bye(c));
        }
        Thread.sleep(5_000);
        System.exit(0);
    }

    /** @return the bare work's CPU per participant and 20 ms frame, in microseconds */
    static double bareLoop(int roomSize) {
        ConferenceCodec.Coder[] coders = new ConferenceCodec.Coder[roomSize];
        byte[][][] in = new byte[roomSize][][];
        short[][] wide = new short[roomSize][320];
        short[] mix = new short[320];
        int[] sum = new int[320];
        for (int p = 0; p < roomSize; p++) {
            coders[p] = codec.coder();
            in[p] = codec.tone(300 + 100 * p, 6000);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long frames = 0;
        long sink = 0;
        long c0 = 0;
        long end = System.nanoTime() + 8_000_000_000L;
        long warm = System.nanoTime() + 3_000_000_000L;
        boolean measuring = false;
        for (int f = 0; System.nanoTime() < end; f++) {
            if (!measuring && System.nanoTime() > warm) {
                measuring = true;
                c0 = mx.getCurrentThreadCpuTime();
                frames = 0;
            }
            Arrays.fill(sum, 0);
            for (int p = 0; p < roomSize; p++) {
                coders[p].decode(in[p][f % 50], wide[p]);
                for (int i = 0; i < 320; i++) {
                    sum[i] += wide[p][i];
                }
            }
            for (int p = 0; p < roomSize; p++) {
                for (int i = 0; i < 320; i++) {
                    mix[i] = (short) Math.max(-32768, Math.min(32767, sum[i] - wide[p][i]));
                }
                sink += coders[p].encode(mix)[0];
            }
            frames += roomSize;
        }
        double us = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / frames;
        return sink == Long.MIN_VALUE ? 0 : us;
    }

    static short ulawToLinear(byte b) {
        int u = ~b & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    /** @return {contact, from, to, callId, local, sipPort} of a call the bridge answered, or null */
    static String[] join(int sipPort, String caller, String to, ConferenceCodec offered, int probe) throws Exception {
        DatagramSocket sip = new DatagramSocket(new InetSocketAddress(CARRIER_IP, 0));
        sip.connect(new InetSocketAddress("127.0.0.1", sipPort));
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(CARRIER_IP, 0));
        ch.configureBlocking(false);
        Leg leg = new Leg(ch);
        leg.probe = probe;
        BY_CHANNEL.put(ch, leg);
        synchronized (ConferenceLoad.class) {
            selector.wakeup();
            ch.register(selector, SelectionKey.OP_READ);
        }
        String callId = "conf-" + SEQ.incrementAndGet() + "@bench";
        String uri = "sip:" + to + "@127.0.0.1:" + sipPort;
        String from = "<sip:" + caller + "@" + CARRIER_IP + ">;tag=c" + SEQ.incrementAndGet();
        String local = CARRIER_IP + ":" + sip.getLocalPort();
        String sdp = "v=0\r\no=- 1 1 IN IP4 " + CARRIER_IP + "\r\ns=-\r\nc=IN IP4 " + CARRIER_IP + "\r\nt=0 0\r\n"
                + "m=audio " + ((InetSocketAddress) ch.getLocalAddress()).getPort()
                + " RTP/AVP " + offered.payloadType + " 101\r\n" + offered.attributes()
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
        String invite = "INVITE " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";rport;branch=z9hG4bK"
                + SEQ.incrementAndGet() + "\r\nMax-Forwards: 70\r\nFrom: " + from + "\r\nTo: <" + uri + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:" + caller + "@" + local + ">\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        String answer = VoicemailLoad.exchange(sip, invite, "1 INVITE", 30_000);
        if (answer == null || !answer.startsWith("SIP/2.0 200")) {
            System.err.println(caller + " -> " + to + ": " + (answer == null ? "no answer"
                    : answer.lines().findFirst().orElse("")));
            return null;
        }
        String toHeader = SipPhone.header(answer, "To");
        String contact = SipPhone.header(answer, "Contact").replaceAll("^.*<|>.*$", "");
        sip.send(VoicemailLoad.packet("ACK " + contact + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";rport;branch=z9hG4bK"
                + SEQ.incrementAndGet() + "\r\nMax-Forwards: 70\r\nFrom: " + from + "\r\nTo: " + toHeader + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"));
        Matcher c = Pattern.compile("c=IN IP4 (\\S+)").matcher(answer);
        Matcher m = Pattern.compile("m=audio (\\d+)").matcher(answer);
        if (!c.find() || !m.find()) {
            throw new IOException("no SDP in the answer: " + answer);
        }
        leg.nextNanos = System.nanoTime();
        leg.peer = new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1)));
        LEGS.add(leg);
        SOCKETS.put(callId, sip);
        return new String[] { contact, from, toHeader, callId, local };
    }

    private static final Map<String, DatagramSocket> SOCKETS = new ConcurrentHashMap<>();

    static void bye(String[] c) {
        DatagramSocket sip = SOCKETS.get(c[3]);
        try {
            VoicemailLoad.exchange(sip, "BYE " + c[0] + " SIP/2.0\r\nVia: SIP/2.0/UDP " + c[4] + ";rport;branch=z9hG4bK"
                    + SEQ.incrementAndGet() + "\r\nMax-Forwards: 70\r\nFrom: " + c[1] + "\r\nTo: " + c[2]
                    + "\r\nCall-ID: " + c[3] + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n", "2 BYE", 8_000);
        } catch (IOException e) {
            System.err.println("BYE " + c[3] + ": " + e);
        }
    }

    /** Sends each participant's next tone frame when it is due; the speaking probe a loud one every second. */
    private static void sendLoop() {
        ByteBuffer buf = ByteBuffer.allocate(12 + 1275);
        byte[] silence = new byte[FRAME];
        byte[] loud = new byte[FRAME];
        for (int i = 0; i < FRAME; i++) {
            silence[i] = VoicemailLoad.linearToUlaw((short) 0);
            loud[i] = VoicemailLoad.linearToUlaw((short) (12000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
        }
        while (true) {
            long now = System.nanoTime();
            if (burstAt != 0 && now - burstAt > 1_000_000_000L) {
                burstAt = 0; // not heard within a second: lost
            }
            for (Leg l : LEGS) {
                if (l.peer == null || l.nextNanos > now) {
                    continue;
                }
                boolean probe = l.probe != 0;
                boolean burst = l.probe == 1 && l.seq % 50 == 25 && burstAt == 0;
                byte[] payload = probe ? (burst ? loud : silence) : toneFrames[l.seq % 50];
                buf.clear();
                buf.put((byte) 0x80).put((byte) (probe ? 0 : codec.payloadType)).putShort((short) l.seq)
                        .putInt(l.seq * (probe ? FRAME : codec.tsStep)).putInt((int) l.ssrc);
                buf.put(payload);
                buf.flip();
                try {
                    if (l.channel.send(buf, l.peer) == 0) {
                        continue;
                    }
                } catch (IOException closed) {
                    continue;
                }
                if (burst) {
                    burstAt = System.nanoTime();
                }
                l.seq++;
                l.nextNanos += 20_000_000L;
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /**
     * @return the server's audio ticks (the bridge's mix cycle: every participant's frame in, mixed and
     *         out) over the last 30 s, from its management bean, read over JMX after jcmd starts the
     *         local agent
     */
    static String audioTicks(long pid) {
        String jcmd = System.getProperty("java.home") + "/bin/jcmd";
        try {
            new ProcessBuilder(jcmd, Long.toString(pid), "ManagementAgent.start_local").redirectErrorStream(true)
                    .start().waitFor();
            Process status = new ProcessBuilder(jcmd, Long.toString(pid), "ManagementAgent.status")
                    .redirectErrorStream(true).start();
            String out = new String(status.getInputStream().readAllBytes());
            Matcher address = Pattern.compile("(service:jmx:\\S+)").matcher(out);
            if (!address.find()) {
                return "audio ticks: no JMX address from jcmd: " + out;
            }
            try (JMXConnector c = JMXConnectorFactory.connect(
                    new JMXServiceURL(address.group(1)))) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                StringBuilder out2 = new StringBuilder();
                for (ObjectName n : new TreeSet<>(mbs.queryNames(
                        new ObjectName("io.switchboard:type=AudioTicks,*"), null))) {
                    if ((Long) mbs.getAttribute(n, "Ticks") > 0) {
                        out2.append(String.format("mix cycle (audio thread %s's 20 ms tick, last 1,500): p50 %.2f ms, "
                                + "p99 %.2f ms, max %.2f ms%n", n.getKeyProperty("thread"),
                                mbs.getAttribute(n, "P50Millis"), mbs.getAttribute(n, "P99Millis"),
                                mbs.getAttribute(n, "MaxMillis")));
                    }
                }
                return out2.length() == 0 ? "audio ticks: no engine ticked" : out2.toString().trim();
            }
        } catch (Exception e) {
            return "audio ticks: " + e;
        }
    }

    /** The listening probe's packet: the first loud one after a burst times the bridge. */
    private static void heard(ByteBuffer packet) {
        long sent = burstAt;
        if (sent == 0 || packet.position() < 12 + FRAME) {
            return;
        }
        long level = 0;
        for (int i = 12; i < 12 + FRAME; i++) {
            level += Math.abs(ulawToLinear(packet.get(i)));
        }
        if (level / FRAME > 2000) {
            DELAYS.add(System.nanoTime() - sent);
            burstAt = 0;
        }
    }

    private static void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (true) {
            try {
                synchronized (ConferenceLoad.class) {
                    // lets join() register channels between selections
                }
                selector.select(50);
                for (SelectionKey k : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) k.channel();
                    Leg l = BY_CHANNEL.get(ch);
                    while (true) {
                        buf.clear();
                        if (ch.receive(buf) == null) {
                            break;
                        }
                        if (l != null && buf.position() > 12) {
                            l.received.incrementAndGet();
                            if (l.probe == 2) {
                                heard(buf);
                            }
                        }
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                System.err.println("receive: " + e);
            }
        }
    }
}
