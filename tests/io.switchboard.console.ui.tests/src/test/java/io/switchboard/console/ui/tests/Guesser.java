package io.switchboard.console.ui.tests;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A password guesser on a loopback address of its own: it gets a nonce from the switch's challenge,
 * then sends REGISTERs whose digest answers are wrong, as the sweeping tools do.
 */
final class Guesser implements AutoCloseable {

    private final DatagramSocket socket;
    private final String host;

    Guesser(String host) throws IOException {
        this.host = host;
        socket = new DatagramSocket(new InetSocketAddress(host, 0));
    }

    /** Sends REGISTERs for the user with wrong digest answers; the switch answers each 403 until it locks the address out. */
    void guess(int sipPort, String user, int attempts) throws IOException {
        byte[] buffer = new byte[8192];
        DatagramPacket challenge = new DatagramPacket(buffer, buffer.length);
        challenge(sipPort, register(sipPort, user, "guess-0", null), challenge);
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(new String(buffer, 0, challenge.getLength(),
                StandardCharsets.UTF_8));
        if (!nonce.find()) {
            throw new IOException("No challenge from the switch");
        }
        for (int i = 1; i <= attempts; i++) {
            send(sipPort, register(sipPort, user, "guess-" + i, "Digest username=\"" + user + "\", realm=\"switchboard\", "
                    + "nonce=\"" + nonce.group(1) + "\", uri=\"sip:127.0.0.1:" + sipPort + "\", response=\""
                    + "0123456789abcdef0123456789abcdef\", algorithm=MD5, qop=auth, nc=0000000" + i
                    + ", cnonce=\"guess\""));
        }
    }

    /**
     * Sends the request and waits for the answer, sending it again as a phone does over UDP (RFC 3261 timers E
     * and F: after 0.5, 1, 2, 4, 4 ... s, for 32 s): a datagram a loaded machine drops is not the switch's silence.
     */
    private void challenge(int sipPort, String request, DatagramPacket answer) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(32);
        int wait = 500;
        while (true) {
            send(sipPort, request);
            socket.setSoTimeout(wait);
            try {
                socket.receive(answer);
                return;
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("No answer from the switch to a REGISTER sent for 32 s");
                }
                wait = Math.min(wait * 2, 4000);
            }
        }
    }

    private String register(int sipPort, String user, String callId, String authorization) {
        return "REGISTER sip:127.0.0.1:" + sipPort + " SIP/2.0\r\nVia: SIP/2.0/UDP " + host + ":" + socket.getLocalPort()
                + ";branch=z9hG4bK-" + callId + "\r\nFrom: <sip:" + user + "@127.0.0.1>;tag=g1\r\nTo: <sip:" + user
                + "@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 REGISTER\r\nContact: <sip:" + user + "@" + host + ":"
                + socket.getLocalPort() + ">\r\nMax-Forwards: 70\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Content-Length: 0\r\n\r\n";
    }

    private void send(int sipPort, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), sipPort));
    }

    @Override
    public void close() {
        socket.close();
    }
}
