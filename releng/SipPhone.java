import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * What the load programs' phones share: one UDP socket or one TLS connection to the switch, as
 * phones keep them, the digest answer and header reading. Not shipped; SipRegisterLoad.java and
 * SipCallLoad.java use it (a JDK 22 or newer finds it beside them: JEP 458).
 */
abstract class SipPhone implements AutoCloseable {

    /** Requests sent again over UDP for want of an answer, by all phones. */
    static final AtomicInteger RETRANSMISSIONS = new AtomicInteger();
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]*)\"?");

    /** A load program's arguments: TRANSPORT HOST PORT USER PASSWORD PHONES COUNT. */
    record Run(String transport, String host, int port, String user, String password, int phones, int count) {
        static Run of(String[] args) {
            return new Run(args[0], args[1], Integer.parseInt(args[2]), args[3], args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
        }

        /** @return phone N's share of the COUNT */
        int share(int phone) {
            return count / phones + (phone < count % phones ? 1 : 0);
        }
    }

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    /** Says on standard error why the first failure of the run failed, once. @return false */
    static boolean failed(String why) {
        if (TOLD.compareAndSet(false, true)) {
            System.err.println("first failure: " + why);
        }
        return false;
    }

    static SipPhone connect(String transport, String host, int port) throws Exception {
        return transport.equals("tls") ? new Tls(host, port) : new Udp(host, port);
    }

    abstract void send(String message) throws IOException;

    /** @return the next message; over UDP a {@link SocketTimeoutException} when none came within 4 s */
    abstract String receive() throws IOException;

    /** @return host:port of this phone's end */
    abstract String local();

    @Override
    public abstract void close() throws IOException;

    /** Sends a request and returns its final answer (provisional ones and other transactions' skipped). */
    String exchange(String request, String callId, String cseq) throws IOException {
        send(request);
        return answer(callId, cseq);
    }

    String answer(String callId, String cseq) throws IOException {
        while (true) {
            String m = receive();
            if (m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1") && callId.equals(header(m, "Call-ID"))
                    && cseq.equals(header(m, "CSeq"))) {
                return m;
            }
        }
    }

    /** @return the Authorization (or Proxy-Authorization) value answering a digest challenge with MD5 */
    static String authorization(String challenge, String user, String password, String method, String uri) {
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

    /** @return the value of the first header of that name, or "" */
    static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    /** @return an answer to the request: its Via, From, Call-ID and CSeq, its To with {@code toTag} added if it has none */
    static String response(String request, String status, String toTag, String extra, String sdp) {
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

    static String firstLine(String message) {
        return message.lines().findFirst().orElse("");
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Udp extends SipPhone {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        private final byte[] buffer = new byte[8192];

        Udp(String host, int port) throws IOException {
            socket.connect(new InetSocketAddress(host, port));
            socket.setSoTimeout(4000);
        }

        /** Sends again after 0.5, 1, 2, 4 s without an answer, as RFC 3261's timer E has a phone do. */
        @Override
        String exchange(String request, String callId, String cseq) throws IOException {
            for (int wait = 500; wait <= 4000; wait *= 2) {
                send(request);
                socket.setSoTimeout(wait);
                try {
                    return answer(callId, cseq);
                } catch (SocketTimeoutException lost) {
                    RETRANSMISSIONS.incrementAndGet();
                } finally {
                    socket.setSoTimeout(4000);
                }
            }
            throw new IOException("no answer to " + cseq + " after 4 retransmissions");
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

    private static final class Tls extends SipPhone {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;

        Tls(String host, int port) throws Exception {
            // trusts the bench server's certificate through javax.net.ssl.trustStore, as the script sets it
            socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(host, port);
            socket.setTcpNoDelay(true); // as phones do: a SIP message is sent whole, not held back by Nagle
            socket.setSoTimeout(32_000); // timer F: how long a phone waits for a final answer over TLS
            socket.startHandshake();
            in = new BufferedInputStream(socket.getInputStream());
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
