package io.switchboard.media.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaException;
import io.switchboard.media.api.MediaSession;
import io.switchboard.media.api.StreamStats;

/** The relay over real UDP sockets on loopback: two phones, a NAT, a stranger, silence and RTCP. */
class RtpRelayTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final BlockingQueue<Leg> timeouts = new ArrayBlockingQueue<>(4);
    private RtpRelay relay;
    @TempDir
    Path recordings;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
    }

    /**
     * The tests' ranges lie below Linux's ephemeral ports (32768 on): inside them, any socket the
     * machine opens meanwhile may hold one of a range's few ports (CI saw 41400-41403 taken).
     */
    private RtpRelay relay(int first, int last, int timeoutSeconds) throws Exception {
        relay = new RtpRelay(new RelaySettings(LOOPBACK, null, first, last, 2, timeoutSeconds, 1), recordings);
        return relay;
    }

    @Test
    void audioFlowsBothWaysThroughTheRelayAndIsMeasured() throws Exception {
        try (Phone a = new Phone(); Phone b = new Phone()) {
            MediaSession session = relay(25000, 25099, 0).open("call-1", (leg, seconds) -> timeouts.add(leg));
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, a.sdp()));
            InetSocketAddress toA = relayAddress(session.rewrite(Leg.B, b.sdp()));
            assertEquals(session.ports().get(Leg.B), toB.getPort(), "B is offered the relay's B port");
            assertEquals(session.ports().get(Leg.A), toA.getPort());
            for (int seq = 0; seq < 50; seq++) {
                if (seq != 10 && seq != 20) {
                    a.rtp(toA, seq);
                }
                assertEquals(seq == 10 || seq == 20 ? -1 : seq, seq == 10 || seq == 20 ? -1 : b.receiveSeq());
                b.rtp(toB, seq);
                assertEquals(seq, a.receiveSeq());
            }
            assertEquals(new InetSocketAddress(LOOPBACK, session.ports().get(Leg.B)), b.lastSource,
                    "B hears A from the relay's port it was offered (symmetric RTP)");
            Thread.sleep(1100); // the figures are published once a second
            MediaCommands shell = new MediaCommands(relay);
            assertTrue(shell.status().startsWith("sessions 1, ports in use 4 of 100,"), shell.status());
            String sessions = shell.sessions();
            assertTrue(sessions.lines().anyMatch(l -> l.matches("call-1 +A +" + session.ports().get(Leg.A)
                    + " +127\\.0\\.0\\.1:\\d+ +48 +4\\.0 .*")), sessions);
            session.close();
            StreamStats fromA = session.stats().get(Leg.A);
            assertEquals("PCMU", fromA.codec());
            assertEquals(48, fromA.packets());
            assertEquals(50, fromA.expected(), "sequence numbers 0 to 49");
            assertEquals(2, fromA.lost(), "10 and 20 were never sent");
            assertEquals(50, session.stats().get(Leg.B).packets());
            assertEquals(0, session.stats().get(Leg.B).lost());
        }
    }

    @Test
    void aCallTheSwitchPlacesOffersTheRelaysAddressFirstAndCarriesBothWaysOnceTheOtherLegAnswers() throws Exception {
        try (Phone a = new Phone(); Phone b = new Phone()) {
            MediaSession session = relay(25500, 25599, 0).open("click-1", (leg, seconds) -> timeouts.add(leg));
            String held = "v=0\r\no=switchboard 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                    + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
            byte[] offer = session.offerFirst(Leg.A, held.getBytes(StandardCharsets.UTF_8));
            assertTrue(!new String(offer, StandardCharsets.UTF_8).contains("0.0.0.0"),
                    "not a hold: the phone sends to the relay at once\n" + new String(offer, StandardCharsets.UTF_8));
            InetSocketAddress toA = relayAddress(offer);
            assertEquals(new InetSocketAddress(LOOPBACK, session.ports().get(Leg.A)), toA);
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, a.sdp())); // the phone's answer, B's offer
            session.rewrite(Leg.B, b.sdp()); // the number's answer
            for (int seq = 0; seq < 5; seq++) {
                a.rtp(toA, seq);
                assertEquals(seq, b.receiveSeq());
                b.rtp(toB, seq);
                assertEquals(seq, a.receiveSeq());
            }
        }
    }

    @Test
    void videoHasItsOwnPortsAndItsPictureLossIndicationsPassToo() throws Exception {
        try (Phone a = new Phone(); Phone b = new Phone(); Phone va = new Phone(); Phone vb = new Phone()) {
            MediaSession session = relay(25400, 25499, 0).open("call-video", (leg, seconds) -> timeouts.add(leg));
            // an audio call first; a re-INVITE adds video, which gets ports of its own then
            session.rewrite(Leg.A, a.sdp());
            session.rewrite(Leg.B, b.sdp());
            assertEquals(List.of("audio"), session.streams());
            String forB = new String(session.rewrite(Leg.A, withVideo(a, va)), StandardCharsets.UTF_8);
            String forA = new String(session.rewrite(Leg.B, withVideo(b, vb)), StandardCharsets.UTF_8);
            assertEquals(List.of("audio", "video"), session.streams());
            InetSocketAddress videoToB = port(forB, "video");
            InetSocketAddress videoToA = port(forA, "video");
            assertTrue(videoToA.getPort() != port(forA, "audio").getPort(), forA);
            for (int seq = 0; seq < 20; seq++) {
                va.rtp(videoToA, seq, 96);
                assertEquals(seq, vb.receiveSeq(), "A's video reaches B");
                vb.rtp(videoToB, seq, 96);
                assertEquals(seq, va.receiveSeq(), "B's video reaches A");
            }
            // B's decoder lost a picture: its PLI (RFC 4585, PT 206 FMT 1) reaches A's RTCP port
            int rtcpForB = Integer.parseInt(forB.replaceAll("(?s).*m=video.*?a=rtcp:([0-9]+).*", "$1"));
            ByteBuffer pli = ByteBuffer.allocate(12).put((byte) 0x81).put((byte) 206).putShort((short) 2)
                    .putInt(0x2222).putInt(0x1111).flip();
            vb.rtcp.send(pli, new InetSocketAddress(LOOPBACK, rtcpForB));
            ByteBuffer got = va.receiveRtcp();
            assertNotNull(got, "the PLI passed");
            assertEquals(206, got.get(1) & 0xFF);
            Thread.sleep(1100);
            StreamStats video = session.stats(1).get(Leg.A);
            assertEquals("VP8", video.codec());
            assertEquals(20, video.packets());
            assertEquals(0, session.stats().get(Leg.A).packets(), "the call's audio figures stay the audio's");
            session.close();
        }
    }

    /** The phone's audio offer with a VP8 stream on the other phone's sockets. */
    private static byte[] withVideo(Phone audio, Phone video) throws Exception {
        return (new String(audio.sdp(), StandardCharsets.UTF_8) + "m=video " + video.address().getPort()
                + " RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\na=rtcp:"
                + ((InetSocketAddress) video.rtcp.getLocalAddress()).getPort() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static InetSocketAddress port(String sdp, String kind) {
        return new InetSocketAddress(LOOPBACK, Integer.parseInt(sdp.replaceAll("(?s).*\nm=" + kind + " ([0-9]+) .*", "$1")));
    }

    @Test
    void aPhoneBehindNatIsLatchedOntoAndAStrangerIsIgnored() throws Exception {
        try (Phone a = new Phone(); Phone b = new Phone(); Phone stranger = new Phone()) {
            MediaSession session = relay(25100, 25199, 0).open("call-nat", (leg, seconds) -> timeouts.add(leg));
            // A's SDP names a private address the relay cannot reach: only its packets tell where it is
            byte[] natted = new String(a.sdp(), StandardCharsets.UTF_8).replace("127.0.0.1", "10.255.255.1")
                    .getBytes(StandardCharsets.UTF_8);
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, natted));
            InetSocketAddress toA = new InetSocketAddress(LOOPBACK, session.ports().get(Leg.A));
            session.rewrite(Leg.B, b.sdp());
            a.rtp(toA, 1);
            assertEquals(1, b.receiveSeq());
            b.rtp(toB, 7);
            assertEquals(7, a.receiveSeq(), "B's audio reaches A at the address A's packets came from");
            assertEquals(a.address(), session.peer(Leg.A).orElseThrow());

            stranger.rtp(toA, 99);
            assertEquals(-1, b.receiveSeq(), "a stranger's packet to A's port goes nowhere");
            b.rtp(toB, 8);
            assertEquals(8, a.receiveSeq(), "and does not take A's stream away");
            assertEquals(a.address(), session.peer(Leg.A).orElseThrow());
            assertEquals(1, waitFor(() -> relay.status().droppedStrangers(), 1));
        }
    }

    @Test
    void aPacketBeforeItsLegsSdpIsEarlyNotAStrangers() throws Exception {
        try (Phone a = new Phone(); Phone b = new Phone()) {
            MediaSession session = relay(25400, 25499, 0).open("call-early", (leg, seconds) -> timeouts.add(leg));
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, a.sdp()));
            // the callee sends as it answers: its packet comes before the switch has read the answer's SDP
            b.rtp(toB, 1);
            assertEquals(1, waitFor(() -> relay.status().droppedUnsent(), 1), "dropped as early");
            assertEquals(0, relay.status().droppedStrangers(), "not counted as a stranger's");
            session.rewrite(Leg.B, b.sdp());
            b.rtp(toB, 2);
            assertEquals(2, a.receiveSeq(), "relayed once its SDP is known");
        }
    }

    @Test
    void onlyTheHostTheLegsSipCameFromMayLatchSoAStrangerSendingFirstCannotTakeTheStream() throws Exception {
        try (Phone a = new Phone(); Phone b = new Phone();
                DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.2", 0))) {
            MediaSession session = relay(25300, 25399, 0).open("call-strict", (leg, seconds) -> timeouts.add(leg));
            // the phone's INVITE came from a host elsewhere; its SDP names a private address
            session.signalledFrom(Leg.A, InetAddress.getByName("192.0.2.77"));
            byte[] natted = new String(a.sdp(), StandardCharsets.UTF_8).replace("127.0.0.1", "10.255.255.1")
                    .getBytes(StandardCharsets.UTF_8);
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, natted));
            InetSocketAddress toA = new InetSocketAddress(LOOPBACK, session.ports().get(Leg.A));
            session.rewrite(Leg.B, b.sdp());
            ByteBuffer injected = ByteBuffer.allocate(172);
            injected.put((byte) 0x80).put((byte) 0).putShort((short) 500).putInt(500 * 160).putInt(0xBAD).position(172);
            stranger.send(injected.flip(), toA); // first, inside the latch window, from neither host
            assertEquals(-1, b.receiveSeq(), "not relayed");
            assertEquals(new InetSocketAddress("10.255.255.1", a.address().getPort()), session.peer(Leg.A).orElseThrow(),
                    "and not latched onto");
            assertEquals(1, waitFor(() -> relay.status().droppedStrangers(), 1), "the stranger's packet counted");

            session.signalledFrom(Leg.A, LOOPBACK); // its SIP comes from this host now
            a.rtp(toA, 1);
            assertEquals(1, b.receiveSeq());
            b.rtp(toB, 2);
            assertEquals(2, a.receiveSeq(), "a phone on the host its SIP came from latches");
        }
    }

    @Test
    void thePartyACallWasHandedAwayFromCannotLatchItBack() throws Exception {
        try (Phone a = new Phone(); Phone menu = new Phone(); Phone agent = new Phone()) {
            MediaSession session = relay(25500, 25599, 0).open("call-handed", (leg, seconds) -> timeouts.add(leg));
            InetSocketAddress toB = relayAddress(session.rewrite(Leg.A, a.sdp()));
            session.rewrite(Leg.B, menu.sdp());
            menu.rtp(toB, 1);
            assertEquals(1, a.receiveSeq(), "the menu is heard");
            // a first agent was busy: the caller came back to the menu, then the queue offers it again
            session.rewrite(Leg.B, menu.sdp());
            session.rewrite(Leg.A, a.sdp());
            // the agent answers and sends at once, before the switch has read its answer
            agent.rtp(toB, 2);
            menu.rtp(toB, 3);
            assertEquals(3, a.receiveSeq(), "the menu, which the SDP names and is heard where it said, keeps it");
            // the answer's SDP names this host's other address; the agent's packets come from loopback
            session.rewrite(Leg.B, new String(agent.sdp(), StandardCharsets.UTF_8).replace("127.0.0.1",
                    "192.0.2.250").getBytes(StandardCharsets.UTF_8));
            menu.rtp(toB, 4); // the menu's last packet, sent before its leg closed
            agent.rtp(toB, 5);
            assertEquals(5, a.receiveSeq(), "the agent latches, the menu's straggler did not");
            assertEquals(agent.address(), session.peer(Leg.B).orElseThrow());
        }
    }

    @Test
    void silenceFromOneLegPastTheTimeoutEndsTheCall() throws Exception {
        try (Phone a = new Phone(); Phone b = new Phone()) {
            MediaSession session = relay(25200, 25299, 1).open("call-quiet", (leg, seconds) -> timeouts.add(leg));
            session.rewrite(Leg.A, a.sdp());
            InetSocketAddress toA = relayAddress(session.rewrite(Leg.B, b.sdp()));
            assertNull(timeouts.poll(2500, TimeUnit.MILLISECONDS), "no media yet (ringing): no timeout");
            long end = System.nanoTime() + 4_000_000_000L;
            Leg quiet = null;
            for (int seq = 0; quiet == null && System.nanoTime() < end; seq++) {
                a.rtp(toA, seq); // A talks, B never does
                quiet = timeouts.poll(20, TimeUnit.MILLISECONDS);
            }
            assertEquals(Leg.B, quiet);
            assertEquals(1, relay.status().timeouts());
            session.close();
            assertNull(timeouts.poll(100, TimeUnit.MILLISECONDS), "one timeout a call");
        }
    }

    @Test
    void rtcpPassesThroughAndGivesTheRoundTrip() throws Exception {
        try (Phone a = new Phone(); Phone b = new Phone()) {
            MediaSession session = relay(25300, 25399, 0).open("call-rtcp", (leg, seconds) -> timeouts.add(leg));
            session.rewrite(Leg.A, a.sdp());
            session.rewrite(Leg.B, b.sdp());
            InetSocketAddress aRtcp = new InetSocketAddress(LOOPBACK, session.ports().get(Leg.A) + 1);
            InetSocketAddress bRtcp = new InetSocketAddress(LOOPBACK, session.ports().get(Leg.B) + 1);
            a.rtcp.send(senderReport(0x0A0B0C0D), aRtcp);
            ByteBuffer sr = b.receiveRtcp();
            assertNotNull(sr, "A's sender report reaches B's RTCP port");
            assertEquals(200, sr.get(1) & 0xFF);
            Thread.sleep(30);
            // B held the report 10 ms (DLSR) before answering: the round trip relay-B is the rest
            b.rtcp.send(receiverReport(0x0A0B0C0D, 655), bRtcp);
            assertNotNull(a.receiveRtcp(), "B's receiver report reaches A");
            double rtt = waitFor(() -> session.stats().get(Leg.A).rttMs() == null ? -1
                    : session.stats().get(Leg.A).rttMs(), 0);
            assertTrue(rtt >= 15 && rtt < 1000, "30 ms waited less 10 ms held: " + rtt);
        }
    }

    @Test
    void anExhaustedRangeIsNamedAndItsPortsComeBack() throws Exception {
        RtpRelay small = relay(25400, 25403, 0);
        MediaSession first = small.open("one", (leg, seconds) -> timeouts.add(leg));
        MediaException e = assertThrows(MediaException.class, () -> small.open("two", (leg, seconds) -> timeouts.add(leg)));
        assertTrue(e.getMessage().contains("25400-25403"), e.getMessage());
        assertEquals(4, small.status().portsInUse());
        first.close();
        assertEquals(0, small.status().portsInUse());
        small.open("three", (leg, seconds) -> timeouts.add(leg)).close();
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RelaySettings.of(config("0.0.0.0", 20000, 19999)));
        assertTrue(e.getMessage().contains("portMax=19999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RelaySettings.of(config("0.0.0.0", 80, 19999)));
        assertTrue(e.getMessage().contains("portMin=80"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RelaySettings.of(config("relay.example", 10000, 19999)));
        assertTrue(e.getMessage().contains("address=relay.example"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RelaySettings.of(config("0.0.0.0", 10000, 19999, "/no/such/music.wav")));
        assertTrue(e.getMessage().contains("holdMusic=/no/such/music.wav"), e.getMessage());
        assertEquals(null, RelaySettings.of(config("0.0.0.0", 10000, 19999, "off")).holdMusic(), "off: silence");
        assertTrue(RelaySettings.of(config("0.0.0.0", 10000, 19999)).holdMusic().length > 8000, "the built-in music");
        assertEquals(null, RelaySettings.of(config("0.0.0.0", 10000, 19999)).holdClass(), "built-in: never a class");
        RelaySettings byClass = RelaySettings.of(config("0.0.0.0", 10000, 19999, "sales"));
        assertEquals("sales", byClass.holdClass());
        assertTrue(byClass.holdMusic().length > 8000, "a class: the built-in music until the classes are there");
        assertEquals("default", RelaySettings.of(config("0.0.0.0", 10000, 19999, " ")).holdClass(),
                "empty: the default class");
        e = assertThrows(IllegalArgumentException.class,
                () -> RelaySettings.of(config("0.0.0.0", 10000, 19999, "sales music")));
        assertTrue(e.getMessage().contains("holdMusic=sales music") && e.getMessage().contains("a music class"),
                "neither a class's name nor a file: " + e.getMessage());
    }

    private static RelaySettings.Config config(String address, int min, int max) {
        return config(address, min, max, RelaySettings.BUILT_IN);
    }

    private static RelaySettings.Config config(String address, int min, int max, String holdMusic) {
        return new RelaySettings.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RelaySettings.Config.class;
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public String advertisedAddress() {
                return "";
            }

            @Override
            public int portMin() {
                return min;
            }

            @Override
            public int portMax() {
                return max;
            }

            @Override
            public int latchSeconds() {
                return 10;
            }

            @Override
            public int timeoutSeconds() {
                return 30;
            }

            @Override
            public int threads() {
                return 1;
            }

            @Override
            public String holdMusic() {
                return holdMusic;
            }
        };
    }

    private static double waitFor(DoubleSupplier value, double atLeast) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        double v = value.getAsDouble();
        while (v < atLeast && System.nanoTime() < end) {
            Thread.sleep(50);
            v = value.getAsDouble();
        }
        return v;
    }

    /** The relay's address and port as a rewritten SDP names them. */
    static InetSocketAddress relayAddress(byte[] sdp) {
        String text = new String(sdp, StandardCharsets.UTF_8);
        String host = text.replaceAll("(?s).*\nc=IN IP4 ([0-9.]+).*", "$1");
        int port = Integer.parseInt(text.replaceAll("(?s).*\nm=audio ([0-9]+) .*", "$1"));
        return new InetSocketAddress(host.trim(), port);
    }

    private static ByteBuffer senderReport(int ntpMiddle) {
        ByteBuffer sr = ByteBuffer.allocate(28);
        sr.put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt(0x1111);
        sr.putShort((short) 0).putInt(ntpMiddle).putShort((short) 0); // NTP seconds and fraction
        sr.putInt(160).putInt(10).putInt(1600);
        return sr.flip();
    }

    private static ByteBuffer receiverReport(int lsr, int dlsr) {
        ByteBuffer rr = ByteBuffer.allocate(32);
        rr.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0x2222);
        rr.putInt(0x1111).putInt(0).putInt(10).putInt(0).putInt(lsr).putInt(dlsr);
        return rr.flip();
    }

    /** A phone's RTP and RTCP sockets on loopback, speaking PCMU. */
    static final class Phone implements AutoCloseable {
        final DatagramChannel rtp = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        final DatagramChannel rtcp = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        InetSocketAddress lastSource;

        Phone() throws Exception {
            rtp.socket().setSoTimeout(300);
            rtcp.socket().setSoTimeout(300);
        }

        InetSocketAddress address() throws Exception {
            return (InetSocketAddress) rtp.getLocalAddress();
        }

        byte[] sdp() throws Exception {
            int port = address().getPort();
            return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                    + "a=rtcp:" + ((InetSocketAddress) rtcp.getLocalAddress()).getPort() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        void rtp(InetSocketAddress to, int seq) throws Exception {
            rtp(to, seq, 0);
        }

        void rtp(InetSocketAddress to, int seq, int payloadType) throws Exception {
            ByteBuffer p = ByteBuffer.allocate(172);
            p.put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt(seq * 160).putInt(hashCode());
            p.position(172);
            rtp.send(p.flip(), to);
        }

        /** @return the sequence number of the next RTP packet, -1 when none comes */
        int receiveSeq() throws Exception {
            ByteBuffer p = ByteBuffer.allocate(2048);
            try {
                DatagramPacket d = new DatagramPacket(p.array(), p.capacity());
                rtp.socket().receive(d);
                lastSource = (InetSocketAddress) d.getSocketAddress();
                return p.getShort(2) & 0xFFFF;
            } catch (SocketTimeoutException none) {
                return -1;
            }
        }

        ByteBuffer receiveRtcp() throws Exception {
            byte[] p = new byte[2048];
            try {
                DatagramPacket d = new DatagramPacket(p, p.length);
                rtcp.socket().receive(d);
                return ByteBuffer.wrap(p, 0, d.getLength());
            } catch (SocketTimeoutException none) {
                return null;
            }
        }

        @Override
        public void close() throws Exception {
            rtp.close();
            rtcp.close();
        }
    }
}
