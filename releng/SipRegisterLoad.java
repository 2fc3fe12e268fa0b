import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Phones that register again and again, as fast as the switch answers: each phone keeps one UDP
 * socket or one TLS connection (as phones do, {@link SipPhone}) and sends REGISTER, takes the 401,
 * answers the digest challenge and waits for the 200, COUNT times in all; phone N registers as USER
 * followed by N (bench1, bench2, ...), the users the script made, and unregisters at the end. Prints
 * the registrations, their errors and the time taken; the calling script measures the server's CPU.
 * Not shipped; run by releng/bench-tls.sh (a JDK 22 or newer, for SipPhone.java beside it):
 *   java [-Djavax.net.ssl.trustStore=...] releng/SipRegisterLoad.java udp|tls HOST PORT USER PASSWORD PHONES COUNT
 */
public final class SipRegisterLoad {

    public static void main(String[] args) throws Exception {
        SipPhone.Run run = SipPhone.Run.of(args);
        String transport = run.transport();
        String host = run.host();
        int port = run.port();
        String user = run.user();
        String password = run.password();
        int phones = run.phones();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int p = 0; p < phones; p++) {
            int phone = p;
            int share = run.share(p);
            threads.add(Thread.ofPlatform().start(() -> {
                int done = 0;
                try (SipPhone link = SipPhone.connect(transport, host, port)) {
                    for (; done < share; done++) {
                        if (register(link, transport, host, port, user + (phone + 1), password, phone, done, 3600)) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    // a gone phone leaves no binding behind for the switch to keep reaching for
                    register(link, transport, host, port, user + (phone + 1), password, phone, done, 0);
                } catch (Exception e) {
                    failed.addAndGet(share - done);
                    System.err.println("phone " + phone + " gave up: " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %d registrations ok, %d failed, %d retransmissions, in %.1f s (%.0f/s) by %d phones%n",
                transport, ok.get(), failed.get(), SipPhone.RETRANSMISSIONS.get(), seconds, ok.get() / seconds, phones);
    }

    private static boolean register(SipPhone link, String transport, String host, int port, String user,
            String password, int phone, int n, int expires) throws Exception {
        String uri = "sip:" + host + ":" + port;
        String callId = "load-" + phone + "-" + ProcessHandle.current().pid() + "@bench";
        String first = link.exchange(request(transport, link, uri, user, callId, 2 * n + 1, null, expires), callId,
                (2 * n + 1) + " REGISTER");
        String challenge = SipPhone.header(first, "WWW-Authenticate");
        if (challenge.isEmpty()) {
            return SipPhone.failed("no challenge: " + SipPhone.firstLine(first));
        }
        String answer = link.exchange(request(transport, link, uri, user, callId, 2 * n + 2,
                SipPhone.authorization(challenge, user, password, "REGISTER", uri), expires), callId,
                (2 * n + 2) + " REGISTER");
        return answer.startsWith("SIP/2.0 200") || SipPhone.failed(SipPhone.firstLine(answer));
    }

    private static String request(String transport, SipPhone link, String uri, String user, String callId, int cseq,
            String authorization, int expires) {
        return "REGISTER " + uri + " SIP/2.0\r\nVia: SIP/2.0/" + transport.toUpperCase() + " " + link.local()
                + ";rport;branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + "\r\nMax-Forwards: 70\r\nFrom: <sip:"
                + user + "@" + uri.substring(4) + ">;tag=" + callId.hashCode() + "\r\nTo: <sip:" + user + "@"
                + uri.substring(4) + ">\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\nContact: <sip:"
                + user + "@" + link.local() + ";transport=" + transport + ">\r\nExpires: " + expires + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Content-Length: 0\r\n\r\n";
    }
}
