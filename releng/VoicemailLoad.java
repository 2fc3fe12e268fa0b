import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Voicemail under load against the relay carrying the same calls, in one run, on a running server
 * (releng/bench-voicemail.sh starts and provisions it). A carrier (SIP and RTP on 127.0.0.2) calls
 * numbers whose users have a phone (relay run: this harness answers as the phones on 127.0.0.1) or
 * none (voicemail run: the call goes to the mailbox). SLOTS calls run at once, each slot placing
 * ROUNDS calls one after another, the slots' starts spread over the first 30 s so that hang-ups (and
 * mails) come evenly. Each call sends 1,500 PCMU frames of a 440 Hz tone (30 s) every 20 ms: in the
 * voicemail run once the mailbox's beep (1 kHz) has ended, as a caller does. Measured: the server's
 * CPU (utime+stime of its JVM), frames lost (relay: frames the callee got; voicemail: the tone's
 * length in the WAV each mail carries), and the delay from each hang-up to its mail in the SMTP
 * server (GreenMail, in this JVM).
 *   java -cp GREENMAIL_CLASSPATH releng/VoicemailLoad.java SIP_PORT JVM_PID SMTP_PORT SLOTS ROUNDS [voicemail-only]
 */
public final class VoicemailLoad {

    static final int FRAMES = 1500;
    static final int FRAME_BYTES = 160;
    static final String CARRIER_IP = "127.0.0.2";

    /** One call's media: what it sends when, and what it got. */
    static final class Media {
        final DatagramChannel channel;
        volatile InetSocketAddress peer;
        /** Tone frames still to send; -1 while waiting for the beep (voicemail) or before the answer. */
        volatile int toSend = -1;
        volatile boolean silence;
        volatile long nextNanos;
        int seq;
        long ssrc = System.nanoTime() & 0xffffffffL;
        final AtomicInteger received = new AtomicInteger();
        int beepFrames;
        final CountDownLatch toneSent = new CountDownLatch(1);
        boolean waitingForBeep;

        Media(DatagramChannel channel) {
            this.channel = channel;
        }
    }

    /** The server's CPU microseconds per second with no call: its timers, probes and refreshes. */
    private static double idlePerSecond;
    private static final List<Media> MEDIA = Collections.synchronizedList(new ArrayList<>());
    private static volatile Selector selector;
    private static final Map<DatagramChannel, Media> BY_CHANNEL = new ConcurrentHashMap<>();
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** Calls of each kind made before anything is measured (env WARMUP_CALLS, at most SLOTS). */
    private static final int WARMUP_CALLS = Integer.parseInt(System.getenv().getOrDefault("WARMUP_CALLS", "100"));
    /** Frames the harness had to send again because its socket's buffer was full. */
    private static final AtomicInteger sendRetries = new AtomicInteger();
    private static long toneFramesAtStart;
    private static double relayWithoutJit = Double.NaN;

    public static void main(String[] args) throws Exception {
        int sipPort = Integer.parseInt(args[0]);
        long jpid = Long.parseLong(args[1]);
        int smtpPort = Integer.parseInt(args[2]);
        int slots = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        selector = Selector.open();
        Thread.ofPlatform().daemon().name("rtp-send").start(VoicemailLoad::sendLoop);
        Thread.ofPlatform().daemon().name("rtp-receive").start(VoicemailLoad::receiveLoop);
        if (args.length > 5 && args[5].equals("voicemail-only")) { // a profile of the deposits alone
            GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
            mail.start();
            voicemail(sipPort, jpid, mail, mail.setUser("vm@bench.invalid", "vm@bench.invalid", "bench"), slots, rounds,
                    Double.NaN);
            System.exit(0);
        }
        Callee callee = new Callee(sipPort, slots);
        int warm = Math.min(slots, WARMUP_CALLS);
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        mail.start();
        GreenMailUser user = mail.setUser("vm@bench.invalid", "vm@bench.invalid", "bench");
        if (warm > 0) {
            // the JIT compiles both paths before either is measured: steady state, as a server that has run a while
            long w0 = cpuMicros(jpid);
            run(sipPort, warm, 1, "+1555020", false);
            run(sipPort, warm, 1, "+1555030", true);
            MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
            for (int i = 0; i < 600 && inbox.getMessageCount() < warm; i++) {
                Thread.sleep(100);
            }
            System.out.printf("warm-up: %d relayed calls and %d messages, not measured (server CPU %.1f s)%n", warm,
                    inbox.getMessageCount(), (cpuMicros(jpid) - w0) / 1e6);
            toneFramesAtStart = callee.toneFrames.get();
        }
        long idle0 = cpuMicros(jpid);
        Thread.sleep(10_000);
        idlePerSecond = (cpuMicros(jpid) - idle0) / 10.0;
        System.out.printf("server idle: %.1f %% of a core%n", idlePerSecond / 1e4);
        double relayPerStream = relay(sipPort, jpid, slots, rounds, callee);
        voicemail(sipPort, jpid, mail, user, slots, rounds, relayPerStream);
        System.exit(0);
    }

    private static double relay(int sipPort, long jpid, int slots, int rounds, Callee callee) throws Exception {
        long cpu0 = cpuMicros(jpid);
        long jit0 = compilerMicros(jpid);
        long t0 = System.nanoTime();
        List<Long> hangUps = run(sipPort, slots, rounds, "+1555020", false);
        for (int i = 0; i < 100 && !callee.calls.isEmpty(); i++) {
            Thread.sleep(50); // the switch's BYE to the phones follows the caller's
        }
        long cpu = cpuMicros(jpid) - cpu0;
        double seconds = (System.nanoTime() - t0) / 1e9;
        int calls = hangUps.size();
        long lost = (long) calls * FRAMES - (callee.toneFrames.get() - toneFramesAtStart);
        double streamSeconds = calls * 2.0 * FRAMES / 50;
        double perStream = cpu / streamSeconds;
        long jit = compilerMicros(jpid) - jit0;
        relayWithoutJit = (cpu - jit) / streamSeconds;
        System.out.printf("relay: %d calls (%d at once) in %.0f s, %d failed; frames lost %d of %d; server CPU %.1f s, "
                + "%.0f %% of a core: %.0f us per stream-second (2 streams a call; %.0f without the idle server's), "
                + "%.0f streams per core%n", calls, slots, seconds, slots * rounds - calls, Math.max(0, lost),
                (long) calls * FRAMES, cpu / 1e6, cpu / 1e4 / seconds, perStream,
                (cpu - idlePerSecond * seconds) / streamSeconds, 1e6 / perStream);
        System.out.printf("  of which the JIT compiler %.1f s: %.0f us per stream-second without it%n", jit / 1e6,
                relayWithoutJit);
        return perStream;
    }

    private static void voicemail(int sipPort, long jpid, GreenMail mail, GreenMailUser user, int slots, int rounds,
            double relayPerStream) throws Exception {
        try {
            Map<String, Long> hungUp = new ConcurrentHashMap<>();
            // each mail is stamped as the SMTP server stores it, by a listener on the inbox
            MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
            Map<Integer, Long> stored = new ConcurrentHashMap<>();
            inbox.addListener(new FolderListener() {
                @Override
                public void added(int msn) {
                    stored.put(msn, System.nanoTime());
                }

                @Override
                public void expunged(int msn) {
                }

                @Override
                public void flagsUpdated(int msn, Flags flags, Long uid) {
                }

                @Override
                public void mailboxDeleted() {
                }
            });
            long cpu0 = cpuMicros(jpid);
            long jit0 = compilerMicros(jpid);
            long t0 = System.nanoTime();
            List<Long> hangUps = run(sipPort, slots, rounds, "+1555030", true, hungUp);
            long cpuCalls = cpuMicros(jpid) - cpu0;
            double callSeconds = (System.nanoTime() - t0) / 1e9;
            int messages = hangUps.size();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (stored.size() < messages && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long cpuAll = cpuMicros(jpid) - cpu0;
            List<MimeMessage> got = new ArrayList<>();
            Map<String, Long> arrived = new ConcurrentHashMap<>();
            List<StoredMessage> all = inbox.getMessages();
            stored.forEach((msn, at) -> {
                if (msn >= 1 && msn <= all.size()) {
                    try {
                        MimeMessage m = all.get(msn - 1).getMimeMessage();
                        got.add(m);
                        Matcher f = Pattern.compile("from (\\S+)").matcher(m.getSubject());
                        if (f.find()) {
                            arrived.putIfAbsent(f.group(1), at);
                        }
                    } catch (MessagingException e) {
                        System.err.println("mail " + msn + ": " + e);
                    }
                }
            });
            List<Double> delays = new ArrayList<>();
            arrived.forEach((caller, at) -> {
                Long bye = hungUp.get(caller);
                if (bye != null) {
                    delays.add((at - bye) / 1e9);
                }
            });
            Collections.sort(delays);
            long lost = 0;
            int checked = 0;
            for (MimeMessage m : got) {
                Integer tone = toneFrames(m);
                if (tone != null) {
                    lost += Math.max(0, FRAMES - tone);
                    checked++;
                }
            }
            double messageSeconds = messages * (double) FRAMES / 50;
            double perMessageSecond = cpuAll / messageSeconds;
            System.out.printf("voicemail: %d messages of 30 s (%d at once) in %.0f s, %d failed; %d mails, %d missing; "
                    + "frames lost %d of %d in %d attachments%n", messages, slots, callSeconds, slots * rounds - messages,
                    got.size(), messages - arrived.size(), lost, (long) checked * FRAMES, checked);
            System.out.printf("  server CPU %.1f s (calls %.1f s, %.0f %% of a core while they ran; then mails %.1f s): "
                    + "%.0f us per message-second = %.2f x the relay's per stream; %.0f deposits per core%n",
                    cpuAll / 1e6, cpuCalls / 1e6, cpuCalls / 1e4 / callSeconds, (cpuAll - cpuCalls) / 1e6,
                    perMessageSecond, perMessageSecond / relayPerStream, 1e6 / perMessageSecond);
            System.out.printf("  without the idle server's CPU: %.0f us per message-second%n",
                    (cpuAll - idlePerSecond * callSeconds) / messageSeconds);
            long jit = compilerMicros(jpid) - jit0;
            double steady = (cpuAll - jit) / messageSeconds;
            System.out.printf("  of which the JIT compiler %.1f s: %.0f us per message-second without it = %.2f x the "
                    + "relay's per stream without it%n", jit / 1e6, steady, steady / relayWithoutJit);
            if (!delays.isEmpty()) {
                System.out.printf("  hang-up to mail: p50 %.2f s, p99 %.2f s, max %.2f s%n", pct(delays, 50),
                        pct(delays, 99), delays.get(delays.size() - 1));
            }
            System.out.printf("  harness frames sent late for a full socket buffer (both runs): %d%n", sendRetries.get());
        } finally {
            mail.stop();
        }
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static List<Long> run(int sipPort, int slots, int rounds, String numbers, boolean voicemail)
            throws Exception {
        return run(sipPort, slots, rounds, numbers, voicemail, new ConcurrentHashMap<>());
    }

    /** @return the hang-up time of every call that went through */
    private static List<Long> run(int sipPort, int slots, int rounds, String numbers, boolean voicemail,
            Map<String, Long> hungUp) throws Exception {
        List<Long> done = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long spread = 30_000L / slots;
        for (int s = 0; s < slots; s++) {
            int slot = s;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(slot * spread);
                    for (int r = 0; r < rounds; r++) {
                        String caller = String.format("+1212%03d%04d", r, slot);
                        String to = numbers + String.format("%04d", slot + 1);
                        Long bye = call(sipPort, caller, to, voicemail);
                        if (bye != null) {
                            done.add(bye);
                            hungUp.put(caller, bye);
                        }
                    }
                } catch (Exception e) {
                    System.err.println("slot " + slot + ": " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return done;
    }

    /** One carrier call: INVITE, 200, ACK, 30 s of tone (after the beep for voicemail), BYE. @return when it hung up */
    private static Long call(int sipPort, String caller, String to, boolean voicemail) throws Exception {
        try (DatagramSocket sip = new DatagramSocket(new InetSocketAddress(CARRIER_IP, 0))) {
            sip.connect(new InetSocketAddress("127.0.0.1", sipPort));
            Media media = media(CARRIER_IP);
            String callId = "vm-" + SEQ.incrementAndGet() + "@bench";
            String uri = "sip:" + to + "@127.0.0.1:" + sipPort;
            String from = "<sip:" + caller + "@" + CARRIER_IP + ">;tag=c" + SEQ.incrementAndGet();
            String local = CARRIER_IP + ":" + sip.getLocalPort();
            String sdp = "v=0\r\no=- 1 1 IN IP4 " + CARRIER_IP + "\r\ns=-\r\nc=IN IP4 " + CARRIER_IP + "\r\nt=0 0\r\n"
                    + "m=audio " + ((InetSocketAddress) media.channel.getLocalAddress()).getPort()
                    + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
            String invite = "INVITE " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";rport;branch=z9hG4bK"
                    + SEQ.incrementAndGet() + "\r\nMax-Forwards: 70\r\nFrom: " + from + "\r\nTo: <" + uri + ">\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:" + caller + "@" + local + ">\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            String answer = exchange(sip, invite, "1 INVITE", 30_000);
            if (answer == null || !answer.startsWith("SIP/2.0 200")) {
                System.err.println(caller + " -> " + to + ": " + (answer == null ? "no answer" : answer.lines()
                        .findFirst().orElse("")));
                close(media);
                return null;
            }
            String toHeader = SipPhone.header(answer, "To");
            String contact = SipPhone.header(answer, "Contact").replaceAll("^.*<|>.*$", "");
            sip.send(packet("ACK " + contact + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";rport;branch=z9hG4bK"
                    + SEQ.incrementAndGet() + "\r\nMax-Forwards: 70\r\nFrom: " + from + "\r\nTo: " + toHeader + "\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"));
            Matcher c = Pattern.compile("c=IN IP4 (\\S+)").matcher(answer);
            Matcher m = Pattern.compile("m=audio (\\d+)").matcher(answer);
            if (!c.find() || !m.find()) {
                throw new IOException("no SDP in the answer: " + answer);
            }
            media.peer = new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1)));
            media.waitingForBeep = voicemail;
            media.silence = voicemail; // silence until the beep, as a caller listening to the greeting
            media.nextNanos = System.nanoTime();
            if (!voicemail) {
                media.toSend = FRAMES;
            }
            if (!media.toneSent.await(120, TimeUnit.SECONDS)) {
                System.err.println(caller + ": no beep heard in 120 s");
            }
            long bye = System.nanoTime();
            String byeAnswer = exchange(sip, "BYE " + contact + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local
                    + ";rport;branch=z9hG4bK" + SEQ.incrementAndGet() + "\r\nMax-Forwards: 70\r\nFrom: " + from
                    + "\r\nTo: " + toHeader + "\r\nCall-ID: " + callId + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n",
                    "2 BYE", 8_000);
            close(media);
            if (byeAnswer == null || !byeAnswer.startsWith("SIP/2.0 200")) {
                System.err.println(caller + ": BYE " + (byeAnswer == null ? "unanswered" : byeAnswer.lines().findFirst()
                        .orElse("")));
            }
            return bye;
        }
    }

    static Media media(String ip) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(ip, 0));
        ch.configureBlocking(false);
        Media media = new Media(ch);
        BY_CHANNEL.put(ch, media);
        synchronized (VoicemailLoad.class) {
            selector.wakeup();
            ch.register(selector, SelectionKey.OP_READ);
        }
        MEDIA.add(media);
        return media;
    }

    static void close(Media media) throws IOException {
        MEDIA.remove(media);
        BY_CHANNEL.remove(media.channel);
        media.channel.close();
    }

    /** Sends each call's next frame when it is due: tone while it has some to send, else silence. */
    private static void sendLoop() {
        ByteBuffer buf = ByteBuffer.allocate(12 + FRAME_BYTES);
        byte[] tone = new byte[FRAME_BYTES * 50]; // one second of 440 Hz, repeated
        for (int i = 0; i < tone.length; i++) {
            tone[i] = linearToUlaw((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        while (true) {
            long now = System.nanoTime();
            Media[] all;
            synchronized (MEDIA) {
                all = MEDIA.toArray(new Media[0]);
            }
            for (Media m : all) {
                if (m.peer == null || m.nextNanos > now || m.toSend == 0) {
                    continue;
                }
                boolean sendTone = m.toSend > 0 && !m.silence;
                buf.clear();
                buf.put((byte) 0x80).put((byte) 0).putShort((short) m.seq).putInt(m.seq * FRAME_BYTES)
                        .putInt((int) m.ssrc);
                if (sendTone) {
                    buf.put(tone, (m.seq % 50) * FRAME_BYTES, FRAME_BYTES);
                } else {
                    for (int i = 0; i < FRAME_BYTES; i++) {
                        buf.put((byte) 0xff);
                    }
                }
                buf.flip();
                try {
                    if (m.channel.send(buf, m.peer) == 0) {
                        sendRetries.incrementAndGet();
                        continue; // the socket's buffer is full: the frame goes at the next turn, late, not lost
                    }
                } catch (IOException closed) {
                    continue;
                }
                m.seq++;
                m.nextNanos += 20_000_000L;
                if (sendTone && --m.toSend == 0) {
                    m.toneSent.countDown();
                }
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /** Counts what each call gets; in a voicemail call, hears the greeting's beep and starts the tone after it. */
    private static void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (true) {
            try {
                synchronized (VoicemailLoad.class) {
                    // lets media() register channels between selections
                }
                selector.select(50);
                for (SelectionKey k : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) k.channel();
                    Media m = BY_CHANNEL.get(ch);
                    while (true) {
                        buf.clear();
                        if (ch.receive(buf) == null) {
                            break;
                        }
                        if (m == null || buf.position() < 12 + FRAME_BYTES || (buf.get(1) & 0x7f) != 0) {
                            continue;
                        }
                        m.received.incrementAndGet();
                        if (m.waitingForBeep) {
                            boolean beep = beep(buf.array(), 12);
                            if (beep) {
                                m.beepFrames++;
                            } else if (m.beepFrames >= 15) {
                                m.waitingForBeep = false; // the beep is over: speak now
                                m.silence = false;
                                m.toSend = FRAMES;
                            } else {
                                m.beepFrames = 0;
                            }
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

    /** @return whether a PCMU frame is the mailbox's 1 kHz beep (Goertzel against the frame's energy) */
    static boolean beep(byte[] frame, int offset) {
        double coeff = 2 * Math.cos(2 * Math.PI * 1000 / 8000.0);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = 0; i < FRAME_BYTES; i++) {
            double x = ulawToLinear(frame[offset + i]);
            energy += x * x;
            double s = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return energy > FRAME_BYTES * 1000.0 * 1000.0 && power > 0.5 * energy * FRAME_BYTES / 2;
    }

    /** @return the frames of tone in the mail's WAV attachment, or null when it has none */
    static Integer toneFrames(MimeMessage message) throws Exception {
        if (!(message.getContent() instanceof Multipart mp)) {
            return null;
        }
        for (int i = 0; i < mp.getCount(); i++) {
            Part p = mp.getBodyPart(i);
            if (p.getFileName() != null && p.getFileName().endsWith(".wav")) {
                byte[] wav;
                try (InputStream in = p.getInputStream()) {
                    wav = in.readAllBytes();
                }
                int data = indexOf(wav, "data".getBytes(StandardCharsets.US_ASCII)) + 8;
                ByteBuffer b = ByteBuffer.wrap(wav, data, wav.length - data).order(ByteOrder.LITTLE_ENDIAN);
                int samples = (wav.length - data) / 2;
                int first = -1;
                int last = -1;
                for (int s = 0; s < samples; s++) {
                    if (Math.abs(b.getShort(data + 2 * s)) > 2000) {
                        if (first < 0) {
                            first = s;
                        }
                        last = s;
                    }
                }
                return first < 0 ? 0 : (int) Math.round((last - first + 1) / (double) FRAME_BYTES);
            }
        }
        return null;
    }

    private static int indexOf(byte[] a, byte[] b) {
        outer: for (int i = 12; i <= a.length - b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The phones of the relay run: one SIP socket registered for users r1..rN, answering at once. */
    static final class Callee {
        final AtomicInteger toneFrames = new AtomicInteger();
        private final DatagramSocket sip;
        private final Map<String, Media> calls = new ConcurrentHashMap<>();

        Callee(int sipPort, int users) throws Exception {
            sip = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            sip.connect(new InetSocketAddress("127.0.0.1", sipPort));
            String local = "127.0.0.1:" + sip.getLocalPort();
            for (int u = 1; u <= users; u++) {
                register(sipPort, local, "r" + u);
            }
            sip.setSoTimeout(0);
            Thread.ofPlatform().daemon().name("callee").start(this::answer);
        }

        private void register(int sipPort, String local, String user) throws Exception {
            String uri = "sip:127.0.0.1:" + sipPort;
            String callId = "reg-" + user + "@bench";
            String base = "REGISTER " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";rport;branch=z9hG4bK%s\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:" + user + "@127.0.0.1>;tag=r" + user + "\r\nTo: <sip:" + user
                    + "@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: %d REGISTER\r\nContact: <sip:" + user + "@"
                    + local + ">\r\nExpires: 3600\r\n%sContent-Length: 0\r\n\r\n";
            String first = exchange(sip, String.format(base, SEQ.incrementAndGet(), 1, ""), "1 REGISTER", 8000);
            String auth = SipPhone.authorization(SipPhone.header(first, "WWW-Authenticate"), user, "bench-password-1", "REGISTER",
                    uri);
            String ok = exchange(sip, String.format(base, SEQ.incrementAndGet(), 2, "Authorization: " + auth + "\r\n"),
                    "2 REGISTER", 8000);
            if (ok == null || !ok.startsWith("SIP/2.0 200")) {
                throw new IOException(user + " did not register: " + ok);
            }
        }

        private void answer() {
            byte[] in = new byte[65536];
            while (true) {
                try {
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    sip.receive(p);
                    String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                    String callId = SipPhone.header(m, "Call-ID");
                    if (m.startsWith("INVITE ")) {
                        Media media = calls.get(callId);
                        if (media == null) {
                            media = media("127.0.0.1");
                            Matcher c = Pattern.compile("c=IN IP4 (\\S+)").matcher(m);
                            Matcher a = Pattern.compile("m=audio (\\d+)").matcher(m);
                            if (c.find() && a.find()) {
                                media.peer = new InetSocketAddress(c.group(1), Integer.parseInt(a.group(1)));
                            }
                            media.silence = true;
                            media.toSend = Integer.MAX_VALUE; // silence back until the BYE, as a phone does
                            media.nextNanos = System.nanoTime();
                            calls.put(callId, media);
                        }
                        int port = ((InetSocketAddress) media.channel.getLocalAddress()).getPort();
                        String sdp = "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
                        sip.send(packet(SipPhone.response(m, "200 OK", ";tag=b" + Integer.toHexString(m.hashCode()),
                                "Contact: <sip:callee@127.0.0.1:" + sip.getLocalPort() + ">\r\n", sdp)));
                    } else if (m.startsWith("BYE ")) {
                        sip.send(packet(SipPhone.response(m, "200 OK", "", "", null)));
                        Media media = calls.remove(callId);
                        if (media != null) {
                            toneFrames.addAndGet(media.received.get());
                            close(media);
                        }
                    } else if (m.startsWith("OPTIONS ") || m.startsWith("CANCEL ")) {
                        sip.send(packet(SipPhone.response(m, "200 OK", "", "", null)));
                    }
                } catch (IOException e) {
                    System.err.println("callee: " + e);
                }
            }
        }
    }

    /** Sends a request again after 0.5, 1, 2, 4 s without a final answer (timer E). @return the answer, or null */
    static String exchange(DatagramSocket sip, String request, String cseq, int waitMillis) throws IOException {
        byte[] in = new byte[65536];
        long deadline = System.currentTimeMillis() + waitMillis;
        int resend = 500;
        long nextSend = 0;
        while (System.currentTimeMillis() < deadline) {
            if (System.currentTimeMillis() >= nextSend) {
                sip.send(packet(request));
                nextSend = System.currentTimeMillis() + resend;
                resend = Math.min(resend * 2, 4000);
            }
            sip.setSoTimeout((int) Math.max(1, Math.min(nextSend, deadline) - System.currentTimeMillis()));
            try {
                DatagramPacket p = new DatagramPacket(in, in.length);
                sip.receive(p);
                String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (m.startsWith("SIP/2.0 1") && cseq.endsWith("INVITE")) {
                    resend = 60_000; // a provisional answer: stop sending again
                    nextSend = deadline;
                }
                if (m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1") && SipPhone.header(m, "CSeq").equals(cseq)) {
                    return m;
                }
            } catch (SocketTimeoutException again) {
                // send again, or give up at the deadline
            }
        }
        return null;
    }

    static DatagramPacket packet(String message) {
        byte[] out = message.getBytes(StandardCharsets.UTF_8);
        return new DatagramPacket(out, out.length);
    }

    /** @return the JVM's CPU time (utime+stime) in microseconds */
    static long cpuMicros(long pid) throws IOException {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1_000_000L / 100;
    }

    /** @return the CPU of the JVM's JIT compiler threads so far: a cost a server that has run a while no longer pays */
    static long compilerMicros(long pid) throws IOException {
        return threadMicros(pid, comm -> comm.contains("CompilerThre"));
    }

    /** @return the CPU so far of the JVM's threads whose kernel name (15 characters at most) passes the test */
    static long threadMicros(long pid, Predicate<String> name) throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.test(comm)) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return ticks * 1_000_000L / 100;
    }

    static byte linearToUlaw(short sample) {
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        s = Math.min(s, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static int ulawToLinear(byte b) {
        int u = ~b & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }
}
