package io.switchboard.server.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP peer that writes its messages as text, for the requests no phone would send: forged Via
 * parameters, replayed or altered credentials. It listens on every local address of its port, so
 * that it also sees an answer that a forged {@code received} would steer to another loopback
 * address.
 */
final class RawSip implements AutoCloseable {

    private final DatagramSocket socket;
    final int port;

    RawSip() throws IOException {
        this(5000);
    }

    /** @param timeoutMillis how long {@link #next()} waits for an answer */
    RawSip(int timeoutMillis) throws IOException {
        this(timeoutMillis, new InetSocketAddress(0));
    }

    /** @param bound its socket's address: a loopback address of its own makes it another source to the switch */
    RawSip(int timeoutMillis, InetSocketAddress bound) throws IOException {
        socket = new DatagramSocket(bound);
        socket.setSoTimeout(timeoutMillis);
        port = socket.getLocalPort();
    }

    /** @return the status of an OPTIONS over UDP to the port, 0 when none came in time */
    int options(int sipPort) throws IOException {
        String callId = "options-" + System.nanoTime();
        send(sipPort, "OPTIONS sip:127.0.0.1:" + sipPort + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + callId + "\n"
                + "From: <sip:probe@127.0.0.1>;tag=p1\nTo: <sip:127.0.0.1>\nCall-ID: " + callId + "\n"
                + "CSeq: 1 OPTIONS\nMax-Forwards: 70", "");
        Reply r = finalReply(callId);
        return r == null ? 0 : r.status();
    }

    /** @return the status of an OPTIONS over a new TCP connection, 0 when it failed or none came in time */
    static int optionsOverTcp(int sipPort, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            String callId = "options-tcp-" + System.nanoTime();
            String text = "OPTIONS sip:127.0.0.1:" + sipPort + ";transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-" + callId + "\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: " + callId + "\r\n"
                    + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            byte[] head = new byte[12];
            int n = 0;
            while (n < head.length) {
                int r = s.getInputStream().read(head, n, head.length - n);
                if (r < 0) {
                    return 0;
                }
                n += r;
            }
            String line = new String(head, StandardCharsets.US_ASCII);
            return line.startsWith("SIP/2.0 ") ? Integer.parseInt(line.substring(8, 11)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Sends a message from 127.0.0.1 (CRLF line ends, Content-Length of the body added). */
    void send(int sipPort, String headers, String body) throws IOException {
        String text = headers.strip().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), sipPort));
    }

    /**
     * Sends a request as a phone does over UDP: again after 0.5, 1, 2 and 4 s while no final answer
     * came (a datagram may be lost on its way).
     *
     * @return the final answer, or null when none came
     */
    Reply ask(int sipPort, String headers, String callId) throws IOException {
        return ask(sipPort, headers, "", callId);
    }

    /** As {@link #ask(int, String, String)}, with a body. */
    Reply ask(int sipPort, String headers, String body, String callId) throws IOException {
        int before = socket.getSoTimeout();
        try {
            String cseq = cseq(headers);
            for (int wait = 500; wait <= 4_000; wait *= 2) {
                send(sipPort, headers, body);
                socket.setSoTimeout(wait);
                Reply r = finalReply(callId);
                // the answer to a retransmission of an earlier request of the call (its 407, say) is not this one's
                while (r != null && cseq != null && !cseq.equals(cseq(r.text()))) {
                    r = finalReply(callId);
                }
                if (r != null) {
                    return r;
                }
            }
            return null;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    /** @return a message's CSeq ("2 PUBLISH"), spaces made one, or null when it has none */
    private static String cseq(String message) {
        for (String line : message.split("\r?\n")) {
            if (line.regionMatches(true, 0, "CSeq:", 0, 5)) {
                return line.substring(5).trim().replaceAll("\\s+", " ");
            }
        }
        return null;
    }

    /**
     * Registers a user as a phone does: REGISTER, the 401's challenge answered with MD5 and qop=auth.
     *
     * @return the final status of the REGISTER with credentials (or of the first one, when it was not
     *         challenged), 0 when none came
     */
    int register(int sipPort, String user, String password) throws IOException {
        return register(sipPort, user, password, port);
    }

    /** As {@link #register(int, String, String)}, for a phone at another port of this address (its Contact). */
    int register(int sipPort, String user, String password, int contactPort) throws IOException {
        String host = socket.getLocalAddress().getHostAddress();
        Reply answer = registerContact(sipPort, user, password, "sip:" + user + "@" + host + ":" + contactPort);
        return answer == null ? 0 : answer.status();
    }

    /**
     * As {@link #register(int, String, String)}, with the Contact URI given whole (its parameters too).
     *
     * @return the final answer (to the REGISTER with credentials, or to the first when it was not challenged), or null
     */
    Reply registerContact(int sipPort, String user, String password, String contact) throws IOException {
        String host = socket.getLocalAddress().getHostAddress();
        String callId = "reg-" + user + "-" + host + "-" + System.nanoTime();
        String uri = "sip:127.0.0.1:" + sipPort;
        String head = "REGISTER " + uri + " SIP/2.0\nVia: SIP/2.0/UDP " + host + ":" + port + ";branch=z9hG4bK-"
                + callId + "-%d\nFrom: <sip:" + user + "@127.0.0.1>;tag=r1\nTo: <sip:" + user + "@127.0.0.1>\n"
                + "Call-ID: " + callId + "\nCSeq: %d REGISTER\nContact: <" + contact + ">\nExpires: 300\nMax-Forwards: 70";
        Reply challenge = ask(sipPort, String.format(head, 1, 1), callId);
        if (challenge == null || challenge.status() != 401) {
            return challenge;
        }
        String nonce = challenge.param("WWW-Authenticate", "nonce");
        String authorization = "Digest username=\"" + user + "\", realm=\"switchboard\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + md5Response(user, "switchboard", password, "REGISTER", uri,
                        nonce, "00000001", "c0ffee") + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c0ffee\"";
        return ask(sipPort, String.format(head, 2, 2) + "\nAuthorization: " + authorization, callId);
    }

    /** @return a nonce of the switch, from the challenge to a REGISTER */
    String nonce(int sipPort) throws IOException {
        String host = socket.getLocalAddress().getHostAddress();
        String callId = "nonce-" + System.nanoTime();
        Reply challenge = ask(sipPort, "REGISTER sip:127.0.0.1:" + sipPort + " SIP/2.0\nVia: SIP/2.0/UDP " + host
                + ":" + port + ";branch=z9hG4bK-" + callId + "\nFrom: <sip:nobody@127.0.0.1>;tag=n1\n"
                + "To: <sip:nobody@127.0.0.1>\nCall-ID: " + callId + "\nCSeq: 1 REGISTER\nMax-Forwards: 70", callId);
        return challenge == null ? null : challenge.param("WWW-Authenticate", "nonce");
    }

    /** @return the next final response (provisional ones skipped), or null when none came within 5 s */
    Reply finalReply() throws IOException {
        while (true) {
            Reply r = next();
            if (r == null || r.status() >= 200) {
                return r;
            }
        }
    }

    /** @return the next final response of this Call-ID (others' retransmissions skipped), or null after 5 s */
    Reply finalReply(String callId) throws IOException {
        while (true) {
            Reply r = finalReply();
            if (r == null || callId.equals(r.header("Call-ID"))) {
                return r;
            }
        }
    }

    /** @return the next response, or null when none came within 5 s */
    Reply next() throws IOException {
        String text;
        while ((text = receive()) != null) {
            if (text.startsWith("SIP/2.0 ")) {
                return new Reply(Integer.parseInt(text.substring(8, 11)), text);
            }
            // a request to us (an OPTIONS, say): not what is awaited
        }
        return null;
    }

    /**
     * @return the next request of this method sent to this peer (answers and other requests skipped), or
     *         null when none came within {@code millis}
     */
    String request(String method, int millis) throws IOException {
        int before = socket.getSoTimeout();
        long deadline = System.currentTimeMillis() + millis;
        try {
            for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
                socket.setSoTimeout((int) left);
                String text = receive();
                if (text == null) {
                    return null;
                }
                if (text.startsWith(method + " ")) {
                    return text;
                }
            }
            return null;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    /** @return the next datagram as text, or null when none came within the socket's timeout */
    private String receive() throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException none) {
            return null;
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A response as text. */
    record Reply(int status, String text) {

        /** @return the named parameter of the first header with this name, or null */
        String param(String header, String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(header) + ":.*?[ ,]" + Pattern.quote(name)
                    + "=\"?([^\",\r\n]*)").matcher(text);
            return m.find() ? m.group(1) : null;
        }

        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(text);
            return m.find() ? m.group(1).strip() : null;
        }
    }

    /** @return an MD5 digest response of RFC 2617 / 7616 with qop=auth, or without qop when nc is null */
    static String md5Response(String user, String realm, String password, String method, String uri, String nonce,
            String nc, String cnonce) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        return nc == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8))).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
