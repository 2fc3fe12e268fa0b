import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Pairs of phones that call each other through the switch as fast as it answers: caller N (USER + "a" + N)
 * and callee N (USER + "b" + N) each keep one UDP socket or one TLS connection, as phones do, and
 * register on it; the caller then sends INVITE, answers the 407 challenge, takes the callee's 200,
 * ACKs and hangs up with BYE, COUNT calls in all. The callee answers at once with an SDP on its own
 * address, so that the switch passes the media by (no relay). Prints the calls, their failures and
 * the time taken; the calling script measures the server's CPU. Not shipped; run by releng/bench-tls.sh:
 *   java [-Djavax.net.ssl.trustStore=...] releng/SipCallLoad.java udp|tls HOST PORT USER PASSWORD PAIRS COUNT
 */
public final class SipCallLoad {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]*)\"?");
    private static final AtomicInteger SEQ = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        String transport = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        String user = args[3];
        String password = args[4];
        int pairs = Integer.parseInt(args[5]);
        int count = Integer.parseInt(args[6]);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            Link caller = transport.equals("tls") ? new Tls(host, port) : new Udp(host, port);
            Link callee = transport.equals("tls") ? new Tls(host, port) : new Udp(host, port);
            links.add(caller);
            links.add(callee);
            register(caller, caller.local(), transport, host, port, user + "a" + (p + 1), password, 3600);
            register(callee, callee.local(), transport, host, port, user + "b" + (p + 1), password, 3600);
            Thread.ofPlatform().daemon().start(() -> answer(callee, transport));
        }
        long t0 = System.nanoTime();
        for (int p = 0; p < pairs; p++) {
            int pair = p;
            int share = count / pairs + (p < count % pairs ? 1 : 0);
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
                        failure("call: " + e.getMessage());
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
        try (Link last = transport.equals("tls") ? new Tls(host, port) : new Udp(host, port)) {
            for (int p = 0; p < pairs; p++) {
                register(last, links.get(2 * p).local(), transport, host, port, user + "a" + (p + 1), password, 0);
                register(last, links.get(2 * p + 1).local(), transport, host, port, user + "b" + (p + 1), password, 0);
            }
        }
        for (Link l : links) {
            l.close();
        }
    }

    /** One call from the caller's side: INVITE, 407, INVITE with credentials, 200, ACK, BYE, 200. */
    private static boolean call(Link link, String transport, String host, int port, String from, String to,
            String password) throws IOException {
        String uri = "sip:" + to + "@" + host + ":" + port;
        String callId = "call-" + SEQ.incrementAndGet() + "-" + ProcessHandle.current().pid() + "@bench";
        String tag = Integer.toHexString(callId.hashCode());
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
        String invite = request("INVITE", uri, transport, link, from, tag, to, null, callId, 1, sdp, null);
        String challenge = link.exchange(invite, callId, "1 INVITE");
        if (!challenge.startsWith("SIP/2.0 407")) {
            return failure("no challenge: " + firstLine(challenge));
        }
        link.send(ack(uri, transport, link, from, tag, header(challenge, "To"), callId, 1, header(invite, "Via")));
        String answer = link.exchange(request("INVITE", uri, transport, link, from, tag, to, null, callId, 2, sdp,
                "Proxy-Authorization: " + authorization(header(challenge, "Proxy-Authenticate"), from, password,
                        "INVITE", uri)), callId, "2 INVITE");
        if (!answer.startsWith("SIP/2.0 200")) {
            return failure("INVITE: " + firstLine(answer));
        }
        String toHeader = header(answer, "To");
        String contact = header(answer, "Contact").replaceAll("^.*<|>.*$", "");
        link.send(ack(contact, transport, link, from, tag, toHeader, callId, 2, null));
        String bye = link.exchange(request("BYE", contact, transport, link, from, tag, to, toHeader, callId, 3, null,
                null), callId, "3 BYE");
        return bye.startsWith("SIP/2.0 200") || failure("BYE: " + firstLine(bye));
    }

    /** The callee: answers each INVITE with 200 and its SDP, and each BYE with 200. */
    private static void answer(Link link, String transport) {
        String sdp = "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\n";
        try {
            while (true) {
                String m = link.receive();
                if (m.startsWith("INVITE ")) {
                    link.send(response(m, "200 OK", ";tag=b" + Integer.toHexString(m.hashCode()),
                            "Contact: <sip:callee@" + link.local() + ";transport=" + transport + ">\r\n", sdp));
                } else if (m.startsWith("BYE ") || m.startsWith("OPTIONS ")) {
                    link.send(response(m, "200 OK", "", "", null));
                }
            }
        } catch (IOException closed) {
            // the run is over
        }
    }

    /** @param at the host:port of the binding's Contact; @param expires 0 to unregister it */
    private static void register(Link link, String at, String transport, String host, int port, String user,
            String password, int expires) throws Exception {
        String uri = "sip:" + host + ":" + port;
        String callId = "reg-" + user + "-" + expires + "-" + ProcessHandle.current().pid() + "@bench";
        String contact = "Contact: <sip:" + user + "@" + at + ";transport=" + transport + ">\r\nExpires: "
                + expires + "\r\n";
        String first = link.exchange(request("REGISTER", uri, transport, link, user, "r", user, null, callId, 1, null,
                contact), callId, "1 REGISTER");
        String answer = link.exchange(request("REGISTER", uri, transport, link, user, "r", user, null, callId, 2, null,
                contact + "Authorization: " + authorization(header(first, "WWW-Authenticate"), user, password,
                        "REGISTER", uri)), callId, "2 REGISTER");
        if (!answer.startsWith("SIP/2.0 200")) {
            throw new IOException(user + " did not register: " + firstLine(answer));
        }
    }

    private static String request(String method, String uri, String transport, Link link, String from, String tag,
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
    private static String ack(String uri, String transport, Link link, String from, String tag, String toHeader,
            String callId, int cseq, String via) {
        String a = request("ACK", uri, transport, link, from, tag, null, toHeader, callId, cseq, null, null);
        return via == null ? a : a.replaceFirst("Via: [^\r]*", "Via: " + Matcher.quoteReplacement(via));
    }

    private static String response(String request, String status, String toTag, String extra, String sdp) {
        StringBuilder r = new StringBuilder("SIP/2.0 " + status + "\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                r.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                r.append(line).append(line.contains(";tag=") ? "" : toTag).append("\r\n");
            }
        }
        r.append(extra);
        return r + (sdp == null ? "Content-Length: 0\r\n\r\n"
                : "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    }

    private static String authorization(String challenge, String user, String password, String method, String uri) {
        String realm = null;
        String nonce = null;
        String opaque = null;
        boolean qop = false;
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            switch (m.group(1)) {
                case "realm" -> realm = m.group(2);
                case "nonce" -> nonce = m.group(2);
                case "opaque" -> opaque = m.group(2);
                case "qop" -> qop = m.group(2).contains("auth");
                default -> { }
            }
        }
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String cnonce = Long.toHexString(System.nanoTime());
        String response = qop ? md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=MD5" + (qop ? ", qop=auth, nc=00000001, cnonce=\""
                        + cnonce + "\"" : "") + (opaque == null ? "" : ", opaque=\"" + opaque + "\"");
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("");
    }

    private static final java.util.concurrent.atomic.AtomicBoolean TOLD = new java.util.concurrent.atomic.AtomicBoolean();

    /** Says why the first call that failed did, once. */
    private static boolean failure(String why) {
        if (TOLD.compareAndSet(false, true)) {
            System.err.println("first failure: " + why);
        }
        return false;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One phone's way to the switch: it sends, and reads the next message that comes. */
    private abstract static class Link implements AutoCloseable {
        abstract void send(String message) throws IOException;

        abstract String receive() throws IOException;

        abstract String local();

        /** Sends a request and returns its final answer (provisional ones and other transactions' skipped). */
        String exchange(String request, String callId, String cseq) throws IOException {
            send(request);
            while (true) {
                String m = receive();
                if (m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1") && callId.equals(header(m, "Call-ID"))
                        && cseq.equals(header(m, "CSeq"))) {
                    return m;
                }
            }
        }

        @Override
        public abstract void close() throws IOException;
    }

    private static final class Udp extends Link {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        private final byte[] buffer = new byte[8192];

        Udp(String host, int port) throws IOException {
            socket.connect(new InetSocketAddress(host, port));
            socket.setSoTimeout(8000);
        }

        @Override
        synchronized void send(String message) throws IOException {
            byte[] out = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(out, out.length));
        }

        @Override
        String receive() throws IOException {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            socket.receive(in);
            return new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
        }

        @Override
        String local() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static final class Tls extends Link {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;

        Tls(String host, int port) throws Exception {
            // trusts the bench server's certificate through javax.net.ssl.trustStore, as the script sets it
            socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(host, port);
            socket.setTcpNoDelay(true); // as phones do: a SIP message is sent whole, not held back by Nagle
            socket.startHandshake();
            in = new java.io.BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        @Override
        synchronized void send(String message) throws IOException {
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** One message: the headers up to the blank line, then Content-Length bytes of body. */
        @Override
        String receive() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
            }
            String text = head.toString(StandardCharsets.UTF_8).replaceFirst("^(\r\n)+", "");
            String length = header(text, "Content-Length");
            return text + (length.isEmpty() ? "" : new String(in.readNBytes(Integer.parseInt(length.trim())),
                    StandardCharsets.UTF_8));
        }

        @Override
        String local() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
