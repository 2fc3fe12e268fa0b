package io.switchboard.phone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The review's attack on an engine leg (voicemail, a room): a host with no part in the call sends RTP
 * and RFC 4733 digits to the leg's port. It must hear nothing and press nothing, while the caller's
 * phone, at the address its SDP names or behind a NAT on its SIP host, is heard and answered.
 */
class MediaPeerTest {

    private static final InetSocketAddress SDP = new InetSocketAddress("192.0.2.10", 4000);

    @Test
    void onlyTheSignalledAddressOrOneLatchFromTheCallsHostsIsHeard() throws Exception {
        MediaPeer peer = new MediaPeer();
        long now = 0;
        InetAddress sip = InetAddress.getByName("198.51.100.7");
        peer.signal(SDP, sip, now);
        assertFalse(peer.accept(new InetSocketAddress("203.0.113.66", 4000), now), "a stranger");
        assertTrue(peer.accept(new InetSocketAddress(sip, 61000), now + 1), "the phone behind NAT latches");
        assertEquals(new InetSocketAddress(sip, 61000), peer.peer(), "and is answered there");
        assertFalse(peer.accept(new InetSocketAddress(sip, 61002), now + 2), "a second source of that host");
        assertTrue(peer.accept(SDP, now + 3), "the signalled address is always heard");
        assertEquals(2, peer.strangers());

        MediaPeer late = new MediaPeer();
        late.signal(SDP, null, now);
        assertFalse(late.accept(new InetSocketAddress("192.0.2.10", 5000), now + MediaPeer.WINDOW_NANOS + 1),
                "no latch once the window closed");
        assertFalse(late.accept(new InetSocketAddress(sip, 61000), now), "no SIP host given: only the SDP's host");
        assertTrue(late.accept(new InetSocketAddress("192.0.2.10", 5000), now), "the SDP's host, another port");

        InetAddress lan = lanAddress();
        if (lan != null) {
            MediaPeer local = new MediaPeer();
            local.signal(new InetSocketAddress(lan, 4000), null, now);
            assertFalse(local.accept(new InetSocketAddress("127.0.0.2", 4000), now), "another loopback address");
            assertTrue(local.accept(new InetSocketAddress("127.0.0.1", 4000), now),
                    "a phone on this machine whose SDP names one of its addresses sends to us from loopback");
        }

        MediaPeer settled = new MediaPeer();
        settled.signal(SDP, sip, now);
        assertTrue(settled.accept(SDP, now));
        assertFalse(settled.accept(new InetSocketAddress(sip, 61000), now + 1),
                "once the phone was heard where its SDP says, nobody latches: not even from its own host");
    }

    @Test
    void aStrangerOnAnotherAddressNeitherHearsTheLegNorPressesItsKeys() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<Character> pressed = new CopyOnWriteArrayList<>();
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            phone.setSoTimeout(2000);
            stranger.setSoTimeout(300);
            String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
                    + phone.getLocalPort() + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";
            MediaLegImpl leg = new MediaLegImpl(offer, "127.0.0.1", "127.0.0.1", new Tone(440), null,
                    digit -> pressed.add((char) digit), new Ticks(timer, 1), null);
            try {
                int port = port(leg.sdpAnswer());
                InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
                // the stranger goes first: its key presses and its audio, before the phone has said anything
                for (int i = 0; i < 20; i++) {
                    send(stranger, to, digit(8, i, 1000));
                    send(stranger, to, audio(i));
                }
                assertNothing(stranger, "the stranger hears the leg");
                byte[] in = new byte[2048];
                DatagramPacket p = new DatagramPacket(in, in.length);
                phone.receive(p);
                assertEquals(0, in[1] & 0x7F, "the phone hears the leg's audio, PCMU");
                for (int i = 0; i < 5; i++) {
                    send(phone, to, digit(5, 100 + i, 2000));
                }
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (pressed.isEmpty() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals(List.of('5'), pressed, "only the phone's key counts, once");
                assertTrue(leg.strangers() >= 40, "the stranger's packets are counted: " + leg.strangers());
                assertNothing(stranger, "the stranger still hears nothing");
            } finally {
                leg.close();
            }
        } finally {
            timer.shutdownNow();
        }
    }

    /** @return an IPv4 address of this machine that is not loopback, or null */
    private static InetAddress lanAddress() throws Exception {
        for (var nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (var a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    private static void assertNothing(DatagramSocket socket, String what) throws Exception {
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            throw new AssertionError(what);
        } catch (SocketTimeoutException expected) {
            // nothing came
        }
    }

    private static int port(String answer) {
        Matcher m = Pattern.compile("m=audio ([0-9]+) ").matcher(answer);
        assertTrue(m.find(), answer);
        return Integer.parseInt(m.group(1));
    }

    private static void send(DatagramSocket from, InetSocketAddress to, byte[] packet) throws Exception {
        from.send(new DatagramPacket(packet, packet.length, to));
    }

    private static byte[] digit(int event, int seq, long timestamp) {
        byte[] b = header(101, seq, timestamp, 16);
        b[12] = (byte) event;
        b[13] = (byte) 0x8A; // end of event, volume 10
        b[15] = (byte) 160;
        return b;
    }

    private static byte[] audio(int seq) {
        return header(0, 500 + seq, 160L * seq, 172);
    }

    private static byte[] header(int pt, int seq, long timestamp, int length) {
        byte[] b = new byte[length];
        b[0] = (byte) 0x80;
        b[1] = (byte) pt;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (timestamp >> (24 - 8 * i));
            b[8 + i] = (byte) (0x1234 >> (24 - 8 * i));
        }
        return b;
    }
}
