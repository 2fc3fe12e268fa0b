import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The front door under load, on a running server (releng/bench-queue.sh starts and provisions it), against the
 * relay carrying the same number of streams in the same run. A carrier (127.0.0.2) calls:
 * <ol>
 * <li><b>relay</b>: users r1..rN whose phones (this program, on 127.0.0.1) answer; both ends send PCMU silence:
 * the relay's cost per stream, the floor;</li>
 * <li><b>hold</b>: a queue whose only agent is paused, so every caller waits on the phone engine hearing the
 * queue's welcome, music and announcements while sending silence, as a phone does;</li>
 * <li><b>menus</b>: two menus whose key 1 leads to the other; each caller presses 1 (RFC 4733) every 4 to 8 s;</li>
 * <li><b>agents</b>: AGENTS agents logged in to a queue, each hanging up 3 to 7 s after answering, with WAITING
 * callers kept waiting on top of those talking (each caller calls again once its call ends): the time from
 * an agent being free (the switch's 200 OK to the agent's BYE) to the INVITE of the next caller on that agent's
 * phone.</li>
 * </ol>
 * Measured in each part's steady SECONDS (after its callers came in over 20 s): the server's CPU (utime+stime of
 * its JVM) per stream-second, caller-second or decision; how late each frame the callers get comes against its
 * own RTP timestamp (p50, p99, max); calls the switch ended early.
 *   java -cp GREENMAIL_CLASSPATH releng/QueueLoad.java SIP_PORT JVM_PID RELAY_CALLS HOLD MENUS AGENTS WAITING SECONDS
 */
public final class QueueLoad {

    private static final long RAMP_MILLIS = 20_000;
    private static final String RELAY_NUMBERS = "+1555020";
    private static final String HOLD_NUMBER = "+15550300000";
    private static final String MENU_NUMBER = "+15550400000";
    private static final String AGENTS_NUMBER = "+15550500000";

    private static RtpStreams rtp;
    private static int sipPort;
    private static long jpid;
    private static int seconds;
    private static volatile boolean stop;
    /** The server's CPU microseconds per second with no call: its timers, probes and refreshes. */
    private static double idlePerSecond;
    private static final AtomicInteger ENDED_EARLY = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicInteger PLACED = new AtomicInteger();
    /** Env SILENT_CALLERS=1: the agents part's callers send no RTP (the music to them still flows). */
    private static final boolean SILENT_CALLERS = "1".equals(System.getenv("SILENT_CALLERS"));

    public static void main(String[] args) throws Exception {
        sipPort = Integer.parseInt(args[0]);
        jpid = Long.parseLong(args[1]);
        int relayCalls = Integer.parseInt(args[2]);
        int hold = Integer.parseInt(args[3]);
        int menus = Integer.parseInt(args[4]);
        int agents = Integer.parseInt(args[5]);
        int waiting = Integer.parseInt(args[6]);
        seconds = Integer.parseInt(args[7]);
        rtp = new RtpStreams();
        long idle0 = VoicemailLoad.cpuMicros(jpid);
        Thread.sleep(10_000);
        idlePerSecond = (VoicemailLoad.cpuMicros(jpid) - idle0) / 10.0;
        System.out.printf("server idle: %.1f %% of a core%n", idlePerSecond / 1e4);
        AnsweringPhones callees = new AnsweringPhones(sipPort, "r", relayCalls, rtp, 0);
        double floor = Double.NaN;
        if (relayCalls > 0) {
            double[] r = part("relay", relayCalls, n -> RELAY_NUMBERS + String.format("%04d", n + 1), false, 2);
            floor = r[0];
            System.out.printf("  answered by the phones: %d%n", callees.answered.get());
        }
        if (hold > 0) {
            double[] h = part("hold", hold, n -> HOLD_NUMBER, false, 1);
            System.out.printf("  = %.2f x the relay's per stream; %.0f callers on hold per core%n", h[0] / floor,
                    1e6 / h[0]);
        }
        if (menus > 0) {
            double[] m = part("menus", menus, n -> MENU_NUMBER, true, 1);
            System.out.printf("  = %.2f x the relay's per stream; %.0f callers in menus per core%n", m[0] / floor,
                    1e6 / m[0]);
        }
        if (agents > 0) {
            agents(agents, waiting);
        }
        System.out.printf("harness frames sent late for a full socket buffer: %d%n", rtp.sendRetries.get());
        System.exit(0);
    }

    interface Numbers {
        String of(int caller);
    }

    /**
     * COUNT callers come in over 20 s and stay; their SECONDS after 5 s more are measured.
     *
     * @param streams the units of a call: 2 streams for a relayed call (one each way), 1 for a caller
     * @return {CPU microseconds per unit-second}
     */
    private static double[] part(String name, int count, Numbers numbers, boolean keys, int streams)
            throws Exception {
        stop = false;
        ENDED_EARLY.set(0);
        FAILED.set(0);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger up = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> stayIn(n, count, numbers.of(n), keys, up)));
        }
        long deadline = System.nanoTime() + RAMP_MILLIS * 1_000_000L + 30_000_000_000L;
        while (up.get() + FAILED.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(5_000); // the last callers' greetings and the JIT settle
        int during = up.get();
        long cpu0 = VoicemailLoad.cpuMicros(jpid);
        long jit0 = VoicemailLoad.compilerMicros(jpid);
        long media0 = mediaMicros();
        long t0 = System.nanoTime();
        rtp.measure(true);
        Thread.sleep(seconds * 1000L);
        rtp.measure(false);
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu = VoicemailLoad.cpuMicros(jpid) - cpu0;
        long jit = VoicemailLoad.compilerMicros(jpid) - jit0;
        long media = mediaMicros() - media0;
        int after = up.get();
        stop = true;
        for (Thread t : threads) {
            t.join();
        }
        double unitSeconds = (double) Math.min(during, after) * streams * wall;
        double per = cpu / unitSeconds;
        long expected = (long) (Math.min(during, after) * streams * wall * 50);
        System.out.printf("%s: %d calls in (%d failed, %d ended by the switch), %d streams for %.0f s; server CPU "
                + "%.1f s, %.0f %% of a core: %.0f us per stream-second (%.0f without the JIT compiler's %.1f s)%n",
                name, during, FAILED.get(), ENDED_EARLY.get(), Math.min(during, after) * streams, wall, cpu / 1e6,
                cpu / 1e4 / wall, per, (cpu - jit) / unitSeconds, jit / 1e6);
        System.out.printf("  without the idle server's: %.0f us; the media threads alone (relay and phone engine): "
                + "%.0f us per stream-second, %.0f streams per core%n", (cpu - idlePerSecond * wall) / unitSeconds,
                media / unitSeconds, unitSeconds * 1e6 / media);
        System.out.printf("  frames the phones got %d of about %d; lateness against their timestamps: p50 %.1f ms, "
                + "p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", rtp.received(), expected, rtp.latenessMillis(50),
                rtp.latenessMillis(99), rtp.latenessMillis(99.9), rtp.latenessMillis(100));
        return new double[] { per };
    }

    /** One caller: calls, stays until the part stops (pressing keys in menus), hangs up. */
    private static void stayIn(int n, int count, String number, boolean keys, AtomicInteger up) {
        try {
            Thread.sleep(n * RAMP_MILLIS / count);
            try (CarrierCall call = new CarrierCall(sipPort)) {
                RtpStreams.Stream media = rtp.open(CarrierCall.CARRIER_IP);
                try {
                    InetSocketAddress peer = call.invite(String.format("+1212%07d", n), number, media.port());
                    if (peer == null) {
                        FAILED.incrementAndGet();
                        return;
                    }
                    rtp.start(media, peer);
                    up.incrementAndGet();
                    long[] nextKeyAt = { System.nanoTime() + keyGap() };
                    boolean endedBySwitch = call.stay(() -> {
                        if (keys && System.nanoTime() > nextKeyAt[0]) {
                            media.key = '1';
                            nextKeyAt[0] = System.nanoTime() + keyGap();
                        }
                        return stop;
                    });
                    if (endedBySwitch) {
                        ENDED_EARLY.incrementAndGet();
                        up.decrementAndGet();
                    } else {
                        call.bye();
                    }
                } finally {
                    rtp.close(media);
                }
            }
        } catch (Exception e) {
            FAILED.incrementAndGet();
            SipPhone.failed("caller " + n + ": " + e);
        }
    }

    /** @return the CPU of the server's media threads so far: the relay's and the phone engine's */
    private static long mediaMicros() throws IOException {
        return VoicemailLoad.threadMicros(jpid, comm -> comm.startsWith("switchboard-med")
                || comm.startsWith("switchboard-pho"));
    }

    private static long keyGap() {
        return ThreadLocalRandom.current().nextLong(4_000_000_000L, 8_000_000_000L);
    }

    /** Agents answering callers who keep coming: the way from an agent free to the next caller's INVITE. */
    private static void agents(int agents, int waiting) throws Exception {
        AnsweringPhones phones = new AnsweringPhones(sipPort, "a", agents, rtp, 5_000);
        stop = false;
        ENDED_EARLY.set(0);
        FAILED.set(0);
        int callers = agents + waiting;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> callAgain(n, callers)));
        }
        Thread.sleep(RAMP_MILLIS + 10_000L);
        long cpu0 = VoicemailLoad.cpuMicros(jpid);
        int answered0 = phones.answered.get();
        long t0 = System.nanoTime();
        phones.measuring = true;
        Thread.sleep(seconds * 1000L);
        phones.measuring = false;
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu = VoicemailLoad.cpuMicros(jpid) - cpu0;
        int answered = phones.answered.get() - answered0;
        int talking = phones.inCalls();
        stop = true;
        for (Thread t : threads) {
            t.join();
        }
        List<Long> waits = new ArrayList<>(phones.waits);
        Collections.sort(waits);
        System.out.printf("agents: %d agents, %d callers (%d talking at the end), %.0f s: %d calls answered "
                + "(%.1f/s), %d failed, %d INVITEs for an agent already in a call; server CPU %.0f %% of a core%n",
                agents, callers, talking, wall, answered, answered / wall, FAILED.get(), phones.doubleBooked.get(),
                cpu / 1e4 / wall);
        if (!waits.isEmpty()) {
            System.out.printf("  agent free to the next caller's INVITE (%d): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    waits.size(), pct(waits, 50) / 1e3, pct(waits, 99) / 1e3, waits.get(waits.size() - 1) / 1e3);
        }
        List<Long> byes = new ArrayList<>(phones.byeAnswers);
        Collections.sort(byes);
        if (!byes.isEmpty()) {
            System.out.printf("  of which the agent's BYE to the switch's 200 OK: p50 %.1f ms, p99 %.1f ms%n",
                    pct(byes, 50) / 1e3, pct(byes, 99) / 1e3);
        }
    }

    /** A caller calling the agents' queue again each time its call ends, until the part stops. */
    private static void callAgain(int n, int callers) {
        try {
            Thread.sleep(n * RAMP_MILLIS / callers);
            while (!stop) {
                try (CarrierCall call = new CarrierCall(sipPort)) {
                    RtpStreams.Stream media = rtp.open(CarrierCall.CARRIER_IP);
                    try {
                        InetSocketAddress peer = call.invite(String.format("+1313%07d", PLACED.incrementAndGet()),
                                AGENTS_NUMBER, media.port());
                        if (peer == null) {
                            FAILED.incrementAndGet();
                            Thread.sleep(1000);
                            continue;
                        }
                        if (!SILENT_CALLERS) {
                            rtp.start(media, peer);
                        }
                        if (!call.stay(() -> stop)) {
                            call.bye();
                        }
                    } finally {
                        rtp.close(media);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            FAILED.incrementAndGet();
            SipPhone.failed("caller " + n + ": " + e);
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
