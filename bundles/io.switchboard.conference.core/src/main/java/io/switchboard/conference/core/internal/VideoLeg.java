package io.switchboard.conference.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One participant's video in the bridge: its sockets, where its phone sends from, and the stream the
 * bridge sends it. Whoever's video it is sent, the phone sees one stream: the bridge's SSRC, sequence
 * numbers and timestamps that go on across a change of talker, and its own payload type.
 */
final class VideoLeg implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(VideoLeg.class.getName());

    static final int MTU = 1500;

    final VideoOffer offer;
    final DatagramChannel rtp;
    /** The RTCP socket: the RTP one itself when the phone multiplexes (rtcp-mux). */
    final DatagramChannel rtcp;
    /** The SSRC of the stream the bridge sends this phone, and of its keyframe requests to it. */
    final int outSsrc = ThreadLocalRandom.current().nextInt();
    final AtomicLong packetsIn = new AtomicLong();
    final AtomicLong packetsOut = new AtomicLong();
    final AtomicInteger keyframeRequests = new AtomicInteger();
    private volatile SocketAddress rtpTo;
    private volatile SocketAddress rtcpTo;
    private volatile boolean rtpLatched;
    private volatile boolean rtcpLatched;
    /** The phone's own SSRC, from its packets. */
    volatile int inSsrc;
    private final ByteBuffer out = ByteBuffer.allocateDirect(MTU);
    private final ByteBuffer feedback = ByteBuffer.allocate(32);
    private VideoLeg source;
    private int seqDelta;
    private long tsDelta;
    private int lastSeq = -1;
    private long lastTs;
    private long lastSentNanos;
    private int firSeq;

    VideoLeg(VideoOffer offer, String host) throws IOException {
        this.offer = offer;
        this.rtpTo = new InetSocketAddress(offer.host(), offer.port());
        this.rtcpTo = new InetSocketAddress(offer.host(), offer.rtcpPort());
        DatagramChannel r = null;
        DatagramChannel c = null;
        for (int tries = 0; c == null && tries < 20; tries++) {
            r = DatagramChannel.open().bind(new InetSocketAddress(host, 0));
            if (offer.mux()) {
                c = r;
                break;
            }
            try {
                int port = ((InetSocketAddress) r.getLocalAddress()).getPort();
                c = DatagramChannel.open().bind(new InetSocketAddress(host, port + 1));
            } catch (IOException taken) {
                r.close(); // RTCP wants the port above RTP's: try another pair
            }
        }
        if (c == null) {
            throw new IOException("No pair of free UDP ports for video on " + host);
        }
        this.rtp = r;
        this.rtcp = c;
    }

    int port() {
        try {
            return ((InetSocketAddress) rtp.getLocalAddress()).getPort();
        } catch (IOException e) {
            return 0;
        }
    }

    /** @return the answer's m= section for this stream: VP8 as the phone numbers it, with feedback */
    String answer() {
        int pt = offer.payloadType();
        return "m=video " + port() + " RTP/AVP " + pt + "\r\n" + "a=rtpmap:" + pt + " VP8/90000\r\n" + "a=rtcp-fb:" + pt
                + " nack pli\r\n" + "a=rtcp-fb:" + pt + " ccm fir\r\n" + (offer.mux() ? "a=rtcp-mux\r\n" : "")
                + "a=sendrecv\r\n";
    }

    /** A packet came from the phone: its media goes back where it really came from (symmetric RTP). */
    void receivedRtp(SocketAddress from, int ssrc) {
        packetsIn.incrementAndGet();
        inSsrc = ssrc;
        if (!rtpLatched) {
            rtpTo = from;
            rtpLatched = true;
        }
    }

    void receivedRtcp(SocketAddress from) {
        if (!rtcpLatched) {
            rtcpTo = from;
            rtcpLatched = true;
        }
    }

    /**
     * Sends this phone a packet of {@code from}'s video as part of its one stream.
     *
     * @param packet the RTP packet from its position to its limit; left as it was
     */
    synchronized void send(VideoLeg from, ByteBuffer packet) {
        int at = packet.position();
        int seq = packet.getShort(at + 2) & 0xFFFF;
        long ts = packet.getInt(at + 4) & 0xFFFFFFFFL;
        long now = System.nanoTime();
        if (from != source) {
            source = from;
            seqDelta = lastSeq < 0 ? 0 : lastSeq + 1 - seq;
            long ticks = lastSeq < 0 ? 0 : Math.max(1, (now - lastSentNanos) * 90 / 1_000_000);
            tsDelta = lastSeq < 0 ? 0 : lastTs + ticks - ts;
        }
        lastSeq = (seq + seqDelta) & 0xFFFF;
        lastTs = (ts + tsDelta) & 0xFFFFFFFFL;
        lastSentNanos = now;
        out.clear();
        out.put(packet.duplicate());
        out.flip();
        out.put(1, (byte) (packet.get(at + 1) & 0x80 | offer.payloadType()));
        out.putShort(2, (short) lastSeq);
        out.putInt(4, (int) lastTs);
        out.putInt(8, outSsrc);
        try {
            rtp.send(out, rtpTo);
            packetsOut.incrementAndGet();
        } catch (IOException e) {
            // a lost packet: the next keyframe request mends the picture
        }
    }

    /** Asks the phone for a keyframe: PLI (RFC 4585), and FIR (RFC 5104) when it said it takes it. */
    synchronized void requestKeyframe() {
        keyframeRequests.incrementAndGet();
        feedback.clear();
        feedback.put((byte) 0x81).put((byte) 206).putShort((short) 2).putInt(outSsrc).putInt(inSsrc);
        if (offer.fir()) {
            feedback.put((byte) 0x84).put((byte) 206).putShort((short) 4).putInt(outSsrc).putInt(0).putInt(inSsrc)
                    .put((byte) firSeq++).put((byte) 0).putShort((short) 0);
        }
        feedback.flip();
        try {
            rtcp.send(feedback, rtcpTo);
        } catch (IOException e) {
            // the next change of talker or a receiver's request asks again
        }
    }

    @Override
    public void close() {
        try {
            rtp.close();
            rtcp.close();
        } catch (IOException e) {
            // closing
        }
    }

    /** @return the answer's video section: the bridge's VP8 stream, or the offer's video declined */
    static String answerFor(Member m, String offer, String host) {
        VideoOffer v = VideoOffer.of(offer);
        if (v == null) {
            return "";
        }
        if (v.usable()) {
            try {
                m.video = new VideoLeg(v, host);
                return m.video.answer();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "No video for call " + m.callId + ": " + e.getMessage());
            }
        }
        return v.declined();
    }
}
