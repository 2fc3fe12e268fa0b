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
 * Phones that register again and again, as fast as the switch answers: each phone keeps one UDP
 * socket or one TLS connection (as phones do) and sends REGISTER, takes the 401, answers the digest
 * challenge and waits for the 200, COUNT times in all; phone N registers as USER followed by N
 * (bench1, bench2, ...), the users the script made. Prints the registrations, their errors and the time
 * taken; the calling script measures the server's CPU. Not shipped; run by releng/bench-tls.sh:
 *   java [-Djavax.net.ssl.trustStore=...] releng/SipRegisterLoad.java udp|tls HOST PORT USER PASSWORD PHONES COUNT
 */
public final class SipRegisterLoad {

    private static final AtomicInteger retransmissions = new AtomicInteger();
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]*)\"?");

    public static void main(String[] args) throws Exception {
        String transport = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        String user = args[3];
        String password = args[4];
        int phones = Integer.parseInt(args[5]);
        int count = Integer.parseInt(args[6]);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int p = 0; p < phones; p++) {
            int phone = p;
            int share = count / phones + (p < count % phones ? 1 : 0);
            threads.add(Thread.ofPlatform().start(() -> {
                int done = 0;
                try (Link link = transport.equals("tls") ? new Tls(host, port) : new Udp(host, port)) {
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
                transport, ok.get(), failed.get(), retransmissions.get(), seconds, ok.get() / seconds, phones);
    }

    private static boolean register(Link link, String transport, String host, int port, String user, String password,
            int phone, int n, int expires) throws Exception {
        String uri = "sip:" + host + ":" + port;
        String callId = "load-" + phone + "-" + ProcessHandle.current().pid() + "@bench";
        String first = link.exchange(request(transport, link, uri, user, callId, 2 * n + 1, null, expires));
        String challenge = header(first, "WWW-Authenticate");
        if (challenge == null) {
            return failed("no challenge: " + first.lines().findFirst().orElse(""));
        }
        String answer = link.exchange(request(transport, link, uri, user, callId, 2 * n + 2,
                authorization(challenge, user, password, uri), expires));
        return answer.startsWith("SIP/2.0 200") || failed(answer.lines().findFirst().orElse(""));
    }

    private static final java.util.concurrent.atomic.AtomicBoolean TOLD = new java.util.concurrent.atomic.AtomicBoolean();

    /** Says why the first registration that failed did, once. */
    private static boolean failed(String why) {
        if (TOLD.compareAndSet(false, true)) {
            System.err.println("first failure: " + why);
        }
        return false;
    }

    private static String request(String transport, Link link, String uri, String user, String callId, int cseq,
            String authorization, int expires) {
        String via = transport.toUpperCase();
        return "REGISTER " + uri + " SIP/2.0\r\nVia: SIP/2.0/" + via + " " + link.local() + ";rport;branch=z9hG4bK"
                + Long.toHexString(System.nanoTime()) + "\r\nMax-Forwards: 70\r\nFrom: <sip:" + user + "@"
                + uri.substring(4) + ">;tag=" + callId.hashCode() + "\r\nTo: <sip:" + user + "@" + uri.substring(4)
                + ">\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\nContact: <sip:" + user + "@"
                + link.local() + ";transport=" + transport + ">\r\nExpires: " + expires + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Content-Length: 0\r\n\r\n";
    }

    private static String authorization(String challenge, String user, String password, String uri) throws Exception {
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
        String ha2 = md5("REGISTER:" + uri);
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
        return null;
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** One phone's way to the switch. */
    private interface Link extends AutoCloseable {
        String exchange(String request) throws IOException;

        String local();
    }

    private static final class Udp implements Link {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        private final byte[] buffer = new byte[8192];

        Udp(String host, int port) throws IOException {
            socket.connect(new InetSocketAddress(host, port));
        }

        /** Sends again after 0.5, 1, 2, 4 s without an answer, as RFC 3261's timer E has a phone do. */
        @Override
        public String exchange(String request) throws IOException {
            byte[] out = request.getBytes(StandardCharsets.UTF_8);
            String cseq = header(request, "CSeq");
            for (int wait = 500; wait <= 4000; wait *= 2) {
                socket.send(new DatagramPacket(out, out.length));
                socket.setSoTimeout(wait);
                try {
                    while (true) {
                        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                        socket.receive(in);
                        String answer = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
                        if (!answer.startsWith("SIP/2.0 1") && cseq.equals(header(answer, "CSeq"))) {
                            return answer;
                        }
                    }
                } catch (java.net.SocketTimeoutException lost) {
                    retransmissions.incrementAndGet();
                }
            }
            throw new IOException("no answer to " + cseq + " after 4 retransmissions");
        }

        @Override
        public String local() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static final class Tls implements Link {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;

        Tls(String host, int port) throws Exception {
            // trusts the bench server's certificate through javax.net.ssl.trustStore, as the script sets it
            SSLContext context = SSLContext.getDefault();
            socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
            socket.setSoTimeout(32_000); // timer F: how long a phone waits for a final answer over TLS
            socket.startHandshake();
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        @Override
        public String exchange(String request) throws IOException {
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String answer = read();
                if (!answer.startsWith("SIP/2.0 1")) {
                    return answer;
                }
            }
        }

        /** One message: the headers up to the blank line, then Content-Length bytes of body. */
        private String read() throws IOException {
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
            if (length != null) {
                in.readNBytes(Integer.parseInt(length.trim()));
            }
            return text;
        }

        @Override
        public String local() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
