import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

/**
 * Pairs of phones that call each other through the switch as fast as it answers: caller N (USER + "a" + N)
 * and callee N (USER + "b" + N) each keep one UDP socket or one TLS connection, as phones do, and
 * register on it; the caller then sends INVITE, answers the 407 challenge, takes the callee's 200,
 * ACKs and hangs up with BYE, COUNT calls in all. The callee answers at once with an SDP on its own
 * address, so that the switch passes the media by (no relay). Prints the calls, their failures and
 * the time taken; the calling script measures the server's CPU. Not shipped; run by releng/bench-tls.sh
 * (a JDK 22 or newer, for SipPhone.java beside it):
 *   java [-Djavax.net.ssl.trustStore=...] releng/SipCallLoad.java udp|tls HOST PORT USER PASSWORD PAIRS COUNT
 */
public final class SipCallLoad {

    private static final AtomicInteger SEQ = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        SipPhone.Run run = SipPhone.Run.of(args);
        String transport = run.transport();
        String host = run.host();
        int port = run.port();
        String user = run.user();
        String password = run.password();
        int pairs = run.phones();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<SipPhone> links = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            SipPhone caller = SipPhone.connect(transport, host, port);
            SipPhone callee = SipPhone.connect(transport, host, port);
            links.add(caller);
            links.add(callee);
            register(caller, caller.local(), transport, host, port, user + "a" + (p + 1), password, 3600);
            register(callee, callee.local(), transport, host, port, user + "b" + (p + 1), password, 3600);
            Thread.ofPlatform().daemon().start(() -> answer(callee, transport));
        }
        long t0 = System.nanoTime();
        for (int p = 0; p < pairs; p++) {
            int pair = p;
            int share = run.share(p);
            threads.add(Thread.ofPlatform().start(() -> {
                for (int n = 0; n < share; n++) {
                    try {
                        if (call(links.get(2 * pair), transport, host, port, user + "a" + (pair + 1),
                                user + "b" + (pair + 1), password)) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        SipPhone.failed("call: " + e.getMessage());
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %d calls ok, %d failed, in %.1f s (%.0f/s) by %d pairs%n", transport, ok.get(),
                failed.get(), seconds, ok.get() / seconds, pairs);
        // gone phones leave no binding behind: the next run's calls would be forked to them too (from a
        // link of its own: the callees' links are read by their answering threads)
        try (SipPhone last = SipPhone.connect(transport, host, port)) {
            for (int p = 0; p < pairs; p++) {
                register(last, links.get(2 * p).local(), transport, host, port, user + "a" + (p + 1), password, 0);
                register(last, links.get(2 * p + 1).local(), transport, host, port, user + "b" + (p + 1), password, 0);
            }
        }
        for (SipPhone l : links) {
            l.close();
        }
    }

    /** One call from the caller's side: INVITE, 407, INVITE with credentials, 200, ACK, BYE, 200. */
    private static boolean call(SipPhone link, String transport, String host, int port, String from, String to,
            String password) throws IOException {
        String uri = "sip:" + to + "@" + host + ":" + port;
        String callId = "call-" + SEQ.incrementAndGet() + "-" + ProcessHandle.current().pid() + "@bench";
        String tag = Integer.toHexString(callId.hashCode());
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
        String invite = request("INVITE", uri, transport, link, from, tag, to, null, callId, 1, sdp, null);
        String challenge = link.exchange(invite, callId, "1 INVITE");
        if (!challenge.startsWith("SIP/2.0 407")) {
            return SipPhone.failed("no challenge: " + SipPhone.firstLine(challenge));
        }
        link.send(ack(uri, transport, link, from, tag, SipPhone.header(challenge, "To"), callId, 1, SipPhone.header(invite, "Via")));
        String answer = link.exchange(request("INVITE", uri, transport, link, from, tag, to, null, callId, 2, sdp,
                "Proxy-Authorization: " + SipPhone.authorization(SipPhone.header(challenge, "Proxy-Authenticate"), from, password,
                        "INVITE", uri)), callId, "2 INVITE");
        if (!answer.startsWith("SIP/2.0 200")) {
            return SipPhone.failed("INVITE: " + SipPhone.firstLine(answer));
        }
        String toHeader = SipPhone.header(answer, "To");
        String contact = SipPhone.header(answer, "Contact").replaceAll("^.*<|>.*$", "");
        link.send(ack(contact, transport, link, from, tag, toHeader, callId, 2, null));
        String bye = link.exchange(request("BYE", contact, transport, link, from, tag, to, toHeader, callId, 3, null,
                null), callId, "3 BYE");
        return bye.startsWith("SIP/2.0 200") || SipPhone.failed("BYE: " + SipPhone.firstLine(bye));
    }

    /** The callee: answers each INVITE with 200 and its SDP, and each BYE with 200. */
    private static void answer(SipPhone link, String transport) {
        String sdp = "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\n";
        while (true) {
            String m;
            try {
                m = link.receive();
            } catch (SocketTimeoutException quiet) {
                continue; // no call for a while
            } catch (IOException closed) {
                return; // the run is over
            }
            try {
                if (m.startsWith("INVITE ")) {
                    link.send(SipPhone.response(m, "200 OK", ";tag=b" + Integer.toHexString(m.hashCode()),
                            "Contact: <sip:callee@" + link.local() + ";transport=" + transport + ">\r\n", sdp));
                } else if (m.startsWith("BYE ") || m.startsWith("OPTIONS ")) {
                    link.send(SipPhone.response(m, "200 OK", "", "", null));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** @param at the host:port of the binding's Contact; @param expires 0 to unregister it */
    private static void register(SipPhone link, String at, String transport, String host, int port, String user,
            String password, int expires) throws Exception {
        String uri = "sip:" + host + ":" + port;
        String callId = "reg-" + user + "-" + expires + "-" + ProcessHandle.current().pid() + "@bench";
        String contact = "Contact: <sip:" + user + "@" + at + ";transport=" + transport + ">\r\nExpires: "
                + expires + "\r\n";
        String first = link.exchange(request("REGISTER", uri, transport, link, user, "r", user, null, callId, 1, null,
                contact), callId, "1 REGISTER");
        String answer = link.exchange(request("REGISTER", uri, transport, link, user, "r", user, null, callId, 2, null,
                contact + "Authorization: " + SipPhone.authorization(SipPhone.header(first, "WWW-Authenticate"), user, password,
                        "REGISTER", uri)), callId, "2 REGISTER");
        if (!answer.startsWith("SIP/2.0 200")) {
            throw new IOException(user + " did not register: " + SipPhone.firstLine(answer));
        }
    }

    private static String request(String method, String uri, String transport, SipPhone link, String from, String tag,
            String to, String toHeader, String callId, int cseq, String sdp, String extra) {
        String host = uri.replaceAll("^sips?:([^@]*@)?", "").replaceAll("[;>].*$", "");
        return method + " " + uri + " SIP/2.0\r\nVia: SIP/2.0/" + transport.toUpperCase() + " " + link.local()
                + ";rport;branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + SEQ.incrementAndGet()
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:" + from + "@" + host + ">;tag=" + tag + "\r\nTo: "
                + (toHeader != null ? toHeader : "<sip:" + to + "@" + host + ">") + "\r\nCall-ID: " + callId
                + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + (method.equals("INVITE") ? "Contact: <sip:" + from + "@" + link.local() + ";transport=" + transport
                        + ">\r\n" : "")
                + (extra == null ? "" : extra.endsWith("\r\n") ? extra : extra + "\r\n")
                + (sdp == null ? "Content-Length: 0\r\n\r\n"
                        : "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    }

    /** @param via the INVITE's Via for the ACK of a failure (same branch), null for the ACK of a 200 (a new one) */
    private static String ack(String uri, String transport, SipPhone link, String from, String tag, String toHeader,
            String callId, int cseq, String via) {
        String a = request("ACK", uri, transport, link, from, tag, null, toHeader, callId, cseq, null, null);
        return via == null ? a : a.replaceFirst("Via: [^\r]*", "Via: " + Matcher.quoteReplacement(via));
    }
}
