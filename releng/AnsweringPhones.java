import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Users' phones on one SIP socket (127.0.0.1), registered for PREFIX1..PREFIXn, answering every call at once.
 * A phone with a talk time hangs up itself after it (an agent ending a call), and the program notes, per user,
 * from the moment it sent its BYE (or got the switch's) to the next INVITE for that user: an agent's way from
 * free to the next caller, the BYE's own way through the switch included. Not shipped; the load programs use it
 * (JEP 458).
 */
final class AnsweringPhones {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern USER = Pattern.compile("^INVITE sip:([^@;>]+)@");
    private static final Pattern CONNECTION = Pattern.compile("c=IN IP4 (\\S+)");
    private static final Pattern AUDIO = Pattern.compile("m=audio (\\d+)");

    /** A call one of these phones took. */
    private record Call(String user, RtpStreams.Stream media, String invite, String toTag) {
    }

    private final DatagramSocket sip;
    private final RtpStreams rtp;
    private final long talkMillis;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** By user: when the switch answered the BYE that freed them (nanoTime), until their next INVITE. */
    private final Map<String, Long> freed = new ConcurrentHashMap<>();
    /** Freed to the next INVITE, in microseconds, while {@link #measuring}. */
    final List<Long> waits = Collections.synchronizedList(new ArrayList<>());
    /** This phone's BYE to the switch's 200 OK, in microseconds, while {@link #measuring}. */
    final List<Long> byeAnswers = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> byeSent = new ConcurrentHashMap<>();
    final AtomicInteger answered = new AtomicInteger();
    /** INVITEs for a user this program already had in a call. */
    final AtomicInteger doubleBooked = new AtomicInteger();
    volatile boolean measuring;
    private final ScheduledExecutorService hangUps = Executors.newSingleThreadScheduledExecutor();

    /** @param talkMillis how long each call lasts before this phone hangs up (a third either way); 0: never */
    AnsweringPhones(int sipPort, String prefix, int users, RtpStreams rtp, long talkMillis) throws IOException {
        this.rtp = rtp;
        this.talkMillis = talkMillis;
        sip = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        sip.connect(new InetSocketAddress("127.0.0.1", sipPort));
        for (int u = 1; u <= users; u++) {
            register(sipPort, prefix + u);
        }
        sip.setSoTimeout(0);
        Thread.ofPlatform().daemon().name("phones-" + prefix).start(this::serve);
    }

    private void register(int sipPort, String user) throws IOException {
        String local = "127.0.0.1:" + sip.getLocalPort();
        String uri = "sip:127.0.0.1:" + sipPort;
        String base = "REGISTER " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";rport;branch=z9hG4bK%s\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:" + user + "@127.0.0.1>;tag=r" + user + "\r\nTo: <sip:" + user
                + "@127.0.0.1>\r\nCall-ID: reg-" + user + "@bench\r\nCSeq: %d REGISTER\r\nContact: <sip:" + user + "@"
                + local + ">\r\nExpires: 3600\r\n%sContent-Length: 0\r\n\r\n";
        String first = VoicemailLoad.exchange(sip, String.format(base, SEQ.incrementAndGet(), 1, ""), "1 REGISTER",
                8000);
        String auth = SipPhone.authorization(SipPhone.header(first, "WWW-Authenticate"), user, "bench-password-1",
                "REGISTER", uri);
        String ok = VoicemailLoad.exchange(sip, String.format(base, SEQ.incrementAndGet(), 2, "Authorization: " + auth
                + "\r\n"), "2 REGISTER", 8000);
        if (ok == null || !ok.startsWith("SIP/2.0 200")) {
            throw new IOException(user + " did not register: " + ok);
        }
    }

    int inCalls() {
        return calls.size();
    }

    private void serve() {
        byte[] in = new byte[65536];
        while (true) {
            try {
                DatagramPacket p = new DatagramPacket(in, in.length);
                sip.receive(p);
                long now = System.nanoTime();
                String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                String callId = SipPhone.header(m, "Call-ID");
                if (m.startsWith("INVITE ")) {
                    invite(m, callId, now);
                } else if (m.startsWith("BYE ")) {
                    sip.send(VoicemailLoad.packet(SipPhone.response(m, "200 OK", "", "", null)));
                    ended(callId, now);
                } else if (m.startsWith("SIP/2.0 ") && SipPhone.header(m, "CSeq").endsWith(" BYE")) {
                    Long sent = byeSent.remove(callId);
                    if (sent != null && measuring) {
                        byeAnswers.add((now - sent) / 1000);
                    }
                    ended(callId, -1); // the switch took this phone's BYE
                } else if (!m.startsWith("SIP/2.0 ") && !m.startsWith("ACK ")) {
                    sip.send(VoicemailLoad.packet(SipPhone.response(m, "200 OK", "", "", null)));
                }
            } catch (IOException e) {
                System.err.println("phones: " + e);
            }
        }
    }

    private void invite(String m, String callId, long now) throws IOException {
        Call call = calls.get(callId);
        if (call == null) {
            Matcher u = USER.matcher(m);
            String user = u.find() ? u.group(1) : "?";
            Long free = freed.remove(user);
            if (free != null && measuring) {
                waits.add((now - free) / 1000);
            }
            if (free == null && calls.values().stream().anyMatch(c -> c.user.equals(user))) {
                doubleBooked.incrementAndGet();
            }
            RtpStreams.Stream media = rtp.open("127.0.0.1");
            Matcher c = CONNECTION.matcher(m);
            Matcher a = AUDIO.matcher(m);
            if (c.find() && a.find() && talkMillis == 0) {
                rtp.start(media, new InetSocketAddress(c.group(1), Integer.parseInt(a.group(1))));
            }
            call = new Call(user, media, m, ";tag=p" + SEQ.incrementAndGet());
            calls.put(callId, call);
            answered.incrementAndGet();
            if (talkMillis > 0) {
                long talk = ThreadLocalRandom.current().nextLong(talkMillis * 2 / 3, talkMillis * 4 / 3 + 1);
                Call taken = call;
                hangUps.schedule(() -> hangUp(callId, taken), talk, TimeUnit.MILLISECONDS);
            }
        }
        String sdp = "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + call.media.port() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
        sip.send(VoicemailLoad.packet(SipPhone.response(m, "200 OK", call.toTag, "Contact: <sip:" + call.user
                + "@127.0.0.1:" + sip.getLocalPort() + ">\r\n", sdp)));
    }

    /** This phone hangs up: BYE in the INVITE's dialog, the other way round. */
    private void hangUp(String callId, Call call) {
        if (calls.get(callId) != call) {
            return; // the switch ended it first
        }
        String m = call.invite;
        String contact = SipPhone.header(m, "Contact").replaceAll("^.*<|>.*$", "");
        String bye = "BYE " + contact + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + sip.getLocalPort()
                + ";rport;branch=z9hG4bK" + SEQ.incrementAndGet() + "\r\nMax-Forwards: 70\r\nFrom: "
                + SipPhone.header(m, "To") + call.toTag + "\r\nTo: " + SipPhone.header(m, "From") + "\r\nCall-ID: "
                + callId + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n";
        try {
            long now = System.nanoTime();
            byeSent.put(callId, now);
            sip.send(VoicemailLoad.packet(bye));
            freed.put(call.user, now); // free as far as this phone knows: it has hung up
        } catch (IOException e) {
            System.err.println("BYE " + callId + ": " + e);
        }
    }

    /** @param now when the switch ended the call, -1 when this phone did (its BYE's time is kept) */
    private void ended(String callId, long now) {
        Call call = calls.remove(callId);
        if (call != null) {
            rtp.close(call.media);
            if (now >= 0) {
                freed.put(call.user, now);
            }
        }
    }
}
