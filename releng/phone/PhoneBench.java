package io.switchboard.phone.core.internal;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.sun.management.OperatingSystemMXBean;

import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.api.Transport;

/**
 * The phone engine's benchmark against baresip (releng/bench-phone.sh runs it against a real
 * switch). Modes:
 * <ul>
 * <li>{@code delay SIP_PORT SECONDS CODEC}: engine to engine through the switch; the caller sends a
 * 100 ms burst every 500 ms and notes when each burst's first frame left its source, the called phone
 * notes when each burst reached its sink: the mouth-to-ear delay, from the signal's own timestamps.</li>
 * <li>{@code bridge SIP_PORT SECONDS ROOM CODEC}: the same through a conference room: both phones
 * call the room, one speaks in bursts, the other hears them in its mix.</li>
 * <li>{@code echo SIP_PORT SECONDS TARGET}: the same bursts to a phone that sends back what it hears
 * (TARGET "engine": an engine in this process; else a user, baresip with its audio bridged): the
 * round trip.</li>
 * <li>{@code jitter SIP_PORT SECONDS NUMBER WAV}: calls a carrier (SIPp) that plays a stream with
 * induced jitter; prints what the engine concealed and records what it played.</li>
 * <li>{@code gaps WAV}: of a recording of a continuous tone, the share of 20 ms blocks that are gaps.</li>
 * <li>{@code load SIP_PORT CALLS SECONDS CODEC}: CALLS calls from one engine phone to another, the
 * process's CPU per call (both ends) once they all talk.</li>
 * </ul>
 * Accounts: user U with password bench-pw-U, made by the script.
 */
public final class PhoneBench {

    private static final int FRAMES_PER_BURST_PERIOD = 25;
    private static final int BURST_FRAMES = 5;
    private static final AudioSource SILENCE = (frame, rate) -> Arrays.fill(frame, (short) 0);

    /** The harness's command line: the report goes to standard output, a failure to standard error. */
    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the phones' threads would keep the JVM and the script waiting
        }
        System.exit(0);
    }

    private static String run(String[] args) throws Exception {
        return switch (args[0]) {
            case "delay" -> delay(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            case "bridge" -> bridge(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], args[4]);
            case "echo" -> echo(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            case "jitter" -> jitter(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], Path.of(args[4]));
            case "gaps" -> String.format("gaps %.2f %%", gaps(Path.of(args[1])));
            case "load" -> load(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            case "opus" -> OpusCost.report(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        };
    }

    private static PhoneAccount account(int sipPort, String user) {
        return new PhoneAccount(user, "127.0.0.1", "bench-pw-" + user, "127.0.0.1", sipPort, Transport.UDP, null, 600);
    }

    private static Phone open(PhoneEngineImpl engine, int sipPort, String user, PhoneListener listener)
            throws InterruptedException {
        Phone phone = engine.open(account(sipPort, user), listener);
        await(user + " registers", phone::registered, 20);
        return phone;
    }

    private static String delay(int sipPort, int seconds, String codec) throws Exception {
        try (PhoneEngineImpl engine = new PhoneEngineImpl()) {
            Onsets ear = new Onsets();
            Phone b = open(engine, sipPort, "bench-b", new PhoneListener() {
                @Override
                public void incoming(PhoneCall call) {
                    call.answer(SILENCE, ear);
                }
            });
            Phone a = open(engine, sipPort, "bench-a", null);
            a.codecs(List.of(codec));
            Bursts mouth = new Bursts();
            PhoneCall call = a.dial("bench-b", mouth, (frame, rate) -> {
            });
            await("bench-b answers", () -> call.state() == CallState.CONNECTED, 20);
            Thread.sleep(seconds * 1000L);
            call.hangup();
            a.close();
            b.close();
            return report("one-way, engine -> switch -> engine, " + codec, match(mouth.sent, ear.onsets));
        }
    }

    private static String bridge(int sipPort, int seconds, String room, String codec) throws Exception {
        try (PhoneEngineImpl engine = new PhoneEngineImpl()) {
            Phone a = open(engine, sipPort, "bench-a", null);
            Phone b = open(engine, sipPort, "bench-b", null);
            a.codecs(List.of(codec));
            b.codecs(List.of(codec));
            // this JVM's JIT compiles the coders during its first calls, and a tick that waits for it sends its
            // frames late, which the room's jitter buffer then grows for: two calls of warm-up first
            PhoneCall warmA = a.dial(room, new Bursts(), new Onsets());
            PhoneCall warmB = b.dial(room, new Bursts(), new Onsets());
            await("the room answers the warm-up calls", () -> warmA.state() == CallState.CONNECTED
                    && warmB.state() == CallState.CONNECTED, 20);
            Thread.sleep(10_000);
            warmA.hangup();
            warmB.hangup();
            Onsets ear = new Onsets();
            PhoneCall listener = b.dial(room, SILENCE, ear);
            await("the room answers bench-b", () -> listener.state() == CallState.CONNECTED, 20);
            Bursts mouth = new Bursts();
            PhoneCall speaker = a.dial(room, mouth, (frame, rate) -> {
            });
            await("the room answers bench-a", () -> speaker.state() == CallState.CONNECTED, 20);
            Thread.sleep(seconds * 1000L);
            CallStats heard = listener.stats();
            speaker.hangup();
            listener.hangup();
            a.close();
            b.close();
            return report("one-way, engine -> conference room -> engine, " + codec, match(mouth.sent, ear.onsets))
                    + String.format(" (the listener's jitter buffer %d ms, jitter %.1f ms, concealed %.1f %%)",
                            heard.jitterBufferMs(), heard.jitterMs(), heard.concealedPercent());
        }
    }

    private static String echo(int sipPort, int seconds, String target) throws Exception {
        try (PhoneEngineImpl engine = new PhoneEngineImpl()) {
            Phone peer = null;
            String user = target;
            if (target.equals("engine")) {
                user = "bench-echo";
                peer = open(engine, sipPort, user, new PhoneListener() {
                    @Override
                    public void incoming(PhoneCall call) {
                        Echo echo = new Echo();
                        call.answer(echo, echo);
                    }
                });
            }
            Phone m = open(engine, sipPort, "bench-m", null);
            m.codecs(List.of("PCMU"));
            Bursts mouth = new Bursts();
            Onsets ear = new Onsets();
            PhoneCall call = m.dial(user, mouth, ear);
            await(user + " answers", () -> call.state() == CallState.CONNECTED, 20);
            Thread.sleep(seconds * 1000L);
            call.hangup();
            m.close();
            if (peer != null) {
                peer.close();
            }
            return report("round trip through " + target + "'s echo, PCMU", match(mouth.sent, ear.onsets));
        }
    }

    private static String jitter(int sipPort, int seconds, String number, Path wav) throws Exception {
        try (PhoneEngineImpl engine = new PhoneEngineImpl()) {
            Phone a = open(engine, sipPort, "bench-a", null);
            a.codecs(List.of("PCMU"));
            PhoneCall call = a.dial(number, SILENCE, engine.record(wav));
            await("the carrier answers", () -> call.state() == CallState.CONNECTED, 20);
            Thread.sleep(seconds * 1000L);
            CallStats s = call.stats();
            call.hangup();
            Thread.sleep(500);
            a.close();
            return String.format("engine received %d packets, loss %.2f %%, jitter %.1f ms, jitter buffer %d ms, "
                    + "concealed %.2f %%, MOS %.2f%nengine recording: gaps %.2f %%", s.packetsReceived(),
                    s.lossPercent(), s.jitterMs(), s.jitterBufferMs(), s.concealedPercent(), s.mos(), gaps(wav));
        }
    }

    private static String load(int sipPort, int calls, int seconds, String codec) throws Exception {
        try (PhoneEngineImpl engine = new PhoneEngineImpl()) {
            AudioSink discard = (frame, rate) -> {
            };
            Phone b = open(engine, sipPort, "bench-b", new PhoneListener() {
                @Override
                public void incoming(PhoneCall call) {
                    call.answer(engine.tone(600), discard);
                }
            });
            Phone a = open(engine, sipPort, "bench-a", null);
            a.codecs(List.of(codec));
            b.codecs(List.of(codec));
            List<PhoneCall> placed = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                placed.add(a.dial("bench-b", engine.tone(1004), discard));
                Thread.sleep(100);
            }
            await("every call talks", () -> placed.stream().allMatch(c -> c.state() == CallState.CONNECTED), 30);
            Thread.sleep(5000); // the compiler's first work is not the calls'
            var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu = os.getProcessCpuTime() - cpu0;
            double wall = (System.nanoTime() - t0) / 1e9;
            long talking = placed.stream().filter(c -> c.state() == CallState.CONNECTED).count();
            placed.forEach(PhoneCall::hangup);
            a.close();
            b.close();
            return String.format("engine %s: %d calls, CPU %.2f %% of a core per call (both ends), %.1f ms CPU per "
                    + "call-second", codec, talking, 100.0 * cpu / 1e9 / wall / talking, cpu / 1e6 / wall / talking);
        }
    }

    /** Pairs each arrival with the latest burst sent before it: the delays in ms. */
    private static List<Double> match(ConcurrentLinkedQueue<Long> sent, List<Long> onsets) {
        List<Long> s = new ArrayList<>(sent);
        List<Double> delays = new ArrayList<>();
        for (long onset : onsets) {
            long best = -1;
            for (long t : s) {
                if (t <= onset) {
                    best = t;
                }
            }
            double ms = (onset - best) / 1e6;
            if (best >= 0 && ms < 400) {
                delays.add(ms);
            }
        }
        return delays;
    }

    private static String report(String what, List<Double> delays) {
        if (delays.size() < 5) {
            throw new IllegalStateException(what + ": only " + delays.size() + " bursts arrived");
        }
        String course = String.format(" (first bursts %.1f ms, last %.1f ms)", delays.get(0),
                delays.get(delays.size() - 1));
        Collections.sort(delays);
        return String.format("%s: %d bursts, delay median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms", what,
                delays.size(), delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.95)), delays.get(0),
                delays.get(delays.size() - 1)) + course;
    }

    /** Of a recording of a continuous tone, the 20 ms blocks (after the first sound) far below the median level. */
    static double gaps(Path wav) throws Exception {
        byte[] bytes = Files.readAllBytes(wav);
        int channels = (bytes[22] & 0xFF);
        int rate = (bytes[24] & 0xFF) | (bytes[25] & 0xFF) << 8 | (bytes[26] & 0xFF) << 16;
        int data = 36;
        while (!new String(bytes, data, 4, StandardCharsets.US_ASCII).equals("data")) {
            data += 8 + ((bytes[data + 4] & 0xFF) | (bytes[data + 5] & 0xFF) << 8 | (bytes[data + 6] & 0xFF) << 16);
        }
        int block = rate / 50;
        List<Double> levels = new ArrayList<>();
        for (int i = data + 8; i + block * 2 * channels <= bytes.length; i += block * 2 * channels) {
            double sum = 0;
            for (int j = 0; j < block; j++) {
                int k = i + j * 2 * channels;
                short v = (short) ((bytes[k] & 0xFF) | bytes[k + 1] << 8);
                sum += (double) v * v;
            }
            levels.add(Math.sqrt(sum / block));
        }
        int first = 0;
        while (first < levels.size() && levels.get(first) < 100) {
            first++;
        }
        List<Double> sounding = levels.subList(first, Math.max(first, levels.size() - 5)); // the end may be cut
        if (sounding.isEmpty()) {
            return 100;
        }
        List<Double> sorted = new ArrayList<>(sounding);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        long gaps = sounding.stream().filter(l -> l < median * 0.3).count();
        return 100.0 * gaps / sounding.size();
    }

    private static void await(String what, BooleanSupplier done, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A 1004 Hz burst of 100 ms every 500 ms; notes when each burst's first frame is taken. */
    static final class Bursts implements AudioSource {
        final ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
        private long frames;
        private long samples;

        @Override
        public void read(short[] frame, int sampleRate) {
            long f = frames++ % FRAMES_PER_BURST_PERIOD;
            if (f == 0) {
                sent.add(System.nanoTime());
            }
            for (int i = 0; i < frame.length; i++, samples++) {
                frame[i] = f < BURST_FRAMES ? (short) (10000 * Math.sin(2 * Math.PI * 1004 * samples / sampleRate)) : 0;
            }
        }
    }

    /** Notes when a burst begins: the first frame loud after quiet ones. */
    static final class Onsets implements AudioSink {
        final List<Long> onsets = new CopyOnWriteArrayList<>();
        private boolean loud;

        @Override
        public void write(short[] frame, int sampleRate) {
            double sum = 0;
            for (short s : frame) {
                sum += (double) s * s;
            }
            double rms = Math.sqrt(sum / frame.length);
            if (!loud && rms > 1000) {
                onsets.add(System.nanoTime());
                loud = true;
            } else if (loud && rms < 100) {
                loud = false;
            }
        }
    }

    /** Sends back what it hears, a frame later at most. */
    static final class Echo implements AudioSource, AudioSink {
        private final BlockingQueue<short[]> frames = new ArrayBlockingQueue<>(50);

        @Override
        public void write(short[] frame, int sampleRate) {
            frames.offer(frame.clone());
        }

        @Override
        public void read(short[] frame, int sampleRate) {
            short[] heard = frames.poll();
            if (heard != null && heard.length == frame.length) {
                System.arraycopy(heard, 0, frame, 0, frame.length);
            } else {
                Arrays.fill(frame, (short) 0);
            }
        }
    }
}
