package io.switchboard.media.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.LocalDatagrams;
import io.switchboard.media.api.MediaSession;

/** The in-process path between the server's own media sockets, alone and under the relay. */
class LocalDatagramsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** What a receiver got: the first byte, and whom from. */
    private record Got(int first, InetSocketAddress from) {
    }

    @TempDir
    Path recordings;

    @Test
    void aDatagramReachesTheSocketBoundWhereItIsSentAndNoOtherAsTheKernelWould() throws Exception {
        LocalDatagrams path = new LocalDatagramsImpl();
        BlockingQueue<Got> got = new ArrayBlockingQueue<>(8);
        InetSocketAddress engine = new InetSocketAddress(LOOPBACK, 24002);
        LocalDatagrams.Binding binding = path.bind(engine, (p, from, t) -> got.add(new Got(p.get(p.position()), from)));
        InetSocketAddress relay = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 24010);
        path.bind(relay, (p, from, t) -> got.add(new Got(p.get(p.position()), from)));

        assertTrue(path.send(ByteBuffer.wrap(new byte[] { 7 }), relay, engine));
        assertEquals(new Got(7, new InetSocketAddress(LOOPBACK, 24010)), got.poll(),
                "a socket on the wildcard is heard from the host it sent to, as through loopback");
        assertTrue(path.send(ByteBuffer.wrap(new byte[] { 8 }), engine, new InetSocketAddress(LOOPBACK, 24010)),
                "a socket on the wildcard takes what is sent to this host's address");
        assertEquals(new Got(8, engine), got.poll());
        assertFalse(path.send(ByteBuffer.wrap(new byte[] { 9 }), relay, new InetSocketAddress(LOOPBACK, 24004)),
                "no socket of this server on that port: the sender's own socket sends it");
        assertFalse(path.send(ByteBuffer.wrap(new byte[] { 9 }), relay,
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 24010)),
                "another host's port of the same number is another host's");
        assertFalse(path.send(ByteBuffer.wrap(new byte[] { 9 }), relay,
                new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 24002)),
                "a socket bound to one address does not take what is sent to another");
        assertFalse(path.send(ByteBuffer.wrap(new byte[] { 9 }), engine,
                new InetSocketAddress(InetAddress.getByName("::1"), 24010)),
                "an IPv4 socket on the wildcard hears no IPv6 datagram");
        binding.close();
        assertFalse(path.send(ByteBuffer.wrap(new byte[] { 9 }), relay, engine), "a closed socket takes nothing");
        assertNull(got.poll());
    }

    /**
     * A phone on a real socket calls a phone-engine leg that has no socket the relay's packets could reach: every
     * packet each way crosses the path, and the relay still measures, latches and sends from the ports it offered.
     */
    @Test
    void theRelayAndAnEngineLegOfThisServerExchangeTheirPacketsOnThePath() throws Exception {
        LocalDatagrams path = new LocalDatagramsImpl();
        RtpRelay relay = new RtpRelay(new RelaySettings(LOOPBACK, null, 26400, 26499, 2, 0, 1), recordings, path);
        try (RtpRelayTest.Phone a = new RtpRelayTest.Phone(); DatagramChannel unused = DatagramChannel.open()) {
            // the engine's address: a port nobody listens on, so that only the path can deliver there
            unused.bind(new InetSocketAddress(LOOPBACK, 0));
            InetSocketAddress engine = (InetSocketAddress) unused.getLocalAddress();
            unused.close();
            BlockingQueue<Got> heard = new ArrayBlockingQueue<>(64);
            path.bind(engine, (p, from, t) -> heard.add(new Got(p.getShort(p.position() + 2), from)));
            MediaSession session = relay.open("local-1", (leg, seconds) -> { });
            InetSocketAddress toB = RtpRelayTest.relayAddress(session.rewrite(Leg.A, a.sdp()));
            String engineSdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + engine.getPort() + " RTP/AVP 0\r\n";
            InetSocketAddress toA = RtpRelayTest.relayAddress(session.rewrite(Leg.B,
                    engineSdp.getBytes(StandardCharsets.UTF_8)));
            for (int seq = 0; seq < 20; seq++) {
                a.rtp(toA, seq);
                Got g = heard.poll(2, TimeUnit.SECONDS);
                assertNotNull(g, "packet " + seq + " reached the engine's leg");
                assertEquals(seq, g.first());
                assertEquals(toB, g.from(), "from the relay's port the engine was offered");
                ByteBuffer back = ByteBuffer.allocate(172);
                back.put((byte) 0x80).put((byte) 0).putShort((short) (100 + seq)).putInt(seq * 160).putInt(42);
                back.position(172);
                assertTrue(path.send(back.flip(), engine, toB), "the relay's port takes the engine's packet");
                assertEquals(100 + seq, a.receiveSeq(), "the phone hears the engine");
                assertEquals(toA, a.lastSource, "from the port it was offered");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (relay.status().packetsIn() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(50); // the figures are published once a second
            }
            assertEquals(40, relay.status().packetsIn(), "the relay counted both ways: " + relay.status());
        } finally {
            relay.stop();
        }
    }
}
