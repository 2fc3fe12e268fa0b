package io.switchboard.conference.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The video switch over real sockets on loopback: three phones' video sockets, the bridge's legs for
 * them, packets from the talker forwarded to the others as one stream, keyframe requests (PLI, FIR)
 * to each new talker and for a receiver that asks.
 */
class VideoSwitchTest {

    /** A phone's video: its RTP socket, and its RTCP socket (the same one with rtcp-mux). */
    private record Phone(DatagramChannel rtp, DatagramChannel rtcp, VideoLeg leg) {
    }

    private final AtomicInteger changes = new AtomicInteger();
    private final VideoSwitch video = new VideoSwitch(changes::incrementAndGet);

    @AfterEach
    void close() throws Exception {
        video.close();
    }

    private static Phone phone(int pt, boolean mux, boolean fir) throws Exception {
        DatagramChannel rtp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        DatagramChannel rtcp = mux ? rtp : DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        for (DatagramChannel c : new DatagramChannel[] { rtp, rtcp }) {
            c.socket().setSoTimeout(2000);
        }
        int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
        int rtcpPort = ((InetSocketAddress) rtcp.getLocalAddress()).getPort();
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "m=video " + port + " RTP/AVP 120 " + pt + "\r\na=rtpmap:120 H264/90000\r\na=rtpmap:" + pt
                + " VP8/90000\r\n" + (mux ? "a=rtcp-mux\r\n" : "a=rtcp:" + rtcpPort + "\r\n")
                + (fir ? "a=rtcp-fb:* ccm fir\r\n" : "") + "a=sendrecv\r\n";
        VideoOffer offer = VideoOffer.of(sdp);
        assertNotNull(offer);
        assertEquals(pt, offer.payloadType(), "VP8's number, not the first format's");
        assertEquals(rtcpPort, offer.rtcpPort());
        return new Phone(rtp, rtcp, new VideoLeg(offer, "127.0.0.1"));
    }

    private static void send(Phone from, int ssrc, int seq, long ts, boolean marker) throws Exception {
        ByteBuffer p = ByteBuffer.allocate(112);
        p.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | 96)).putShort((short) seq).putInt((int) ts).putInt(ssrc);
        while (p.hasRemaining()) {
            p.put((byte) seq);
        }
        p.flip();
        from.rtp().send(p, new InetSocketAddress("127.0.0.1", from.leg().port()));
    }

    private static DatagramPacket packet(DatagramChannel c) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        c.socket().receive(p);
        return p;
    }

    private static ByteBuffer wrap(DatagramPacket p) {
        return ByteBuffer.wrap(p.getData(), 0, p.getLength());
    }

    @Test
    void receiversSeeTheTalkersVideoAsOneStreamAndNewTalkersAreAskedForAKeyframe() throws Exception {
        Phone a = phone(97, true, false);
        Phone b = phone(100, false, true);
        Phone c = phone(98, false, false);
        video.add(a.leg());
        ByteBuffer pli = wrap(packet(a.rtcp()));
        assertEquals(206, pli.get(1) & 0xFF, "the first one in is shown: asked for a keyframe");
        assertEquals(1, pli.get(0) & 0x1F, "PLI");
        assertSame(a.leg(), video.shown());
        video.add(b.leg());
        video.add(c.leg());
        assertSame(a.leg(), video.shown(), "newcomers do not take the picture");

        // a talks: b and c get a's packets as their own stream (their payload type, the bridge's SSRC)
        int lastSeqAtC = -1;
        long lastTsAtC = -1;
        for (int i = 0; i < 5; i++) {
            send(a, 0x1111, 1000 + i, 5000 + 3000L * i, i == 4);
            ByteBuffer atB = wrap(packet(b.rtp()));
            assertEquals(100, atB.get(1) & 0x7F);
            assertEquals(b.leg().outSsrc, atB.getInt(8));
            ByteBuffer atC = wrap(packet(c.rtp()));
            assertEquals(98, atC.get(1) & 0x7F);
            assertEquals(i == 4, (atC.get(1) & 0x80) != 0, "the marker bit stays");
            assertEquals(c.leg().outSsrc, atC.getInt(8));
            assertEquals((byte) (1000 + i), atC.get(50), "the payload as sent");
            lastSeqAtC = atC.getShort(2) & 0xFFFF;
            lastTsAtC = atC.getInt(4) & 0xFFFFFFFFL;
        }
        a.rtp().configureBlocking(false);
        assertNull(a.rtp().receive(ByteBuffer.allocate(1500)), "the talker does not get its own video");
        a.rtp().configureBlocking(true);

        // b talks now: asked for a keyframe (PLI, and FIR which it takes), its video replaces a's at c
        send(b, 0x2222, 65534, 4_000_000_000L, false); // b's own numbering, near the wrap
        for (int i = 0; i < 200 && b.leg().packetsIn.get() == 0; i++) {
            Thread.sleep(10);
        }
        video.follow(leg -> leg == b.leg());
        assertSame(b.leg(), video.shown());
        assertTrue(changes.get() >= 2, "the roster is told");
        ByteBuffer request = wrap(packet(b.rtcp()));
        assertEquals(1, request.get(0) & 0x1F, "PLI first");
        assertEquals(0x2222, request.getInt(8), "for b's stream");
        assertEquals(4, request.get(12) & 0x1F, "then FIR (b said ccm fir)");
        assertEquals(0x2222, request.getInt(24), "FIR names b's stream in its FCI");
        Thread.sleep(100);
        for (int i = 0; i < 4; i++) {
            send(b, 0x2222, (65535 + i) & 0xFFFF, 4_000_000_000L + 3000L * (i + 1), false);
            ByteBuffer atC = wrap(packet(c.rtp()));
            assertEquals(c.leg().outSsrc, atC.getInt(8), "one stream for c, whoever talks");
            int seq = atC.getShort(2) & 0xFFFF;
            assertEquals((lastSeqAtC + 1) & 0xFFFF, seq, "sequence numbers go on");
            long ts = atC.getInt(4) & 0xFFFFFFFFL;
            assertTrue(((ts - lastTsAtC) & 0xFFFFFFFFL) > 0 && ((ts - lastTsAtC) & 0xFFFFFFFFL) < 90_000 * 5,
                    "timestamps go on from a's: " + lastTsAtC + " then " + ts);
            lastSeqAtC = seq;
            lastTsAtC = ts;
            ByteBuffer atA = wrap(packet(a.rtp()));
            assertEquals(a.leg().outSsrc, atA.getInt(8), "a sees b now");
        }
        send(a, 0x1111, 1005, 20000, false); // a is no longer shown: nobody gets this
        send(b, 0x2222, 3, 4_000_000_000L + 15000, false);
        assertEquals((lastSeqAtC + 1) & 0xFFFF, wrap(packet(c.rtp())).getShort(2) & 0xFFFF, "a's packet was not sent");

        // c lost the picture and asks (PLI): b is asked again
        Thread.sleep(350);
        ByteBuffer asks = ByteBuffer.allocate(20);
        asks.put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(0x3333); // an empty RR first
        asks.put((byte) 0x81).put((byte) 206).putShort((short) 2).putInt(0x3333).putInt(c.leg().outSsrc).flip();
        c.rtcp().send(asks, new InetSocketAddress("127.0.0.1", ((InetSocketAddress) c.leg().rtcp.getLocalAddress())
                .getPort()));
        assertEquals(1, wrap(packet(b.rtcp())).get(0) & 0x1F, "b asked for a keyframe for c");
        assertEquals(2, b.leg().keyframeRequests.get());
        assertTrue(c.leg().packetsOut.get() >= 10);

        // b leaves: someone else's video is shown
        video.remove(b.leg());
        assertTrue(video.shown() == a.leg() || video.shown() == c.leg());
    }

    @Test
    void anOfferWithoutVp8IsDeclinedAndOneWithoutVideoHasNone() {
        VideoOffer h264 = VideoOffer.of("v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "m=video 5000 RTP/AVP 120 121\r\na=rtpmap:120 H264/90000\r\n");
        assertEquals(false, h264.usable());
        assertEquals("m=video 0 RTP/AVP 120 121\r\n", h264.declined());
        assertEquals("10.0.0.1", h264.host(), "the session's address");
        assertEquals(5001, h264.rtcpPort(), "RTCP above RTP without a=rtcp");
        assertNull(VideoOffer.of("v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\n"));
    }
}
