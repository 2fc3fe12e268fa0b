package io.switchboard.server.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A password guesser at a fixed rate, as the sweeping tools on the internet send: REGISTERs for one
 * user whose digest answers (for a nonce of the switch) are wrong, from one address, whether the
 * switch answers or not. SIPp starts only about 2,000 calls a second on this machine, so the test
 * sends them itself: real datagrams over a real socket, paced every millisecond.
 */
final class UdpFlood implements AutoCloseable {

    private final DatagramChannel channel;
    private final ByteBuffer[] packets;
    private final InetSocketAddress target;
    private final AtomicLong sent = new AtomicLong();
    private final Thread sender;
    private volatile boolean running = true;

    UdpFlood(String fromHost, int sipPort, String user, String nonce, int rate) throws IOException {
        channel = DatagramChannel.open().bind(new InetSocketAddress(fromHost, 0));
        target = new InetSocketAddress("127.0.0.1", sipPort);
        int port = channel.socket().getLocalPort();
        packets = new ByteBuffer[1000];
        for (int i = 0; i < packets.length; i++) {
            String callId = "guess-" + i;
            String uri = "sip:127.0.0.1:" + sipPort;
            String text = "REGISTER " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + fromHost + ":" + port
                    + ";branch=z9hG4bK-" + callId + "\r\nFrom: <sip:" + user + "@127.0.0.1>;tag=g" + i + "\r\nTo: <sip:"
                    + user + "@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 REGISTER\r\nContact: <sip:" + user + "@"
                    + fromHost + ":" + port + ">\r\nMax-Forwards: 70\r\nUser-Agent: friendly-scanner\r\n"
                    + "Authorization: Digest username=\"" + user + "\", realm=\"switchboard\", nonce=\"" + nonce
                    + "\", uri=\"" + uri + "\", response=\"" + String.format("%032x", i) + "\", algorithm=MD5, "
                    + "qop=auth, nc=00000001, cnonce=\"guess" + i + "\"\r\nContent-Length: 0\r\n\r\n";
            packets[i] = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        }
        sender = new Thread(() -> run(rate), "udp-flood");
        sender.setDaemon(true);
        sender.start();
    }

    private void run(int rate) {
        long start = System.nanoTime();
        long count = 0;
        try {
            while (running) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                while (count < due && running) {
                    ByteBuffer p = packets[(int) (count % packets.length)];
                    p.rewind();
                    channel.send(p, target);
                    count++;
                    sent.incrementAndGet();
                }
                LockSupport.parkNanos(1_000_000);
            }
        } catch (IOException stopped) {
            // closed
        }
    }

    /** @return REGISTERs sent so far */
    long sent() {
        return sent.get();
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }
}
