package io.switchboard.phone.core.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.IntConsumer;

import io.switchboard.media.api.LocalDatagrams;
import io.switchboard.media.audio.Codec;
import io.switchboard.media.audio.EModel;
import io.switchboard.media.audio.StreamMeter;
import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.CallStats;

/**
 * One call's audio over RTP: every 20 ms {@link #tick()} sends a frame from the source (or an
 * RFC 4733 event packet while a digit is being sent) and plays one from the jitter buffer into the
 * sink, concealing a missing one. A thread of its own receives, measures (the relay's
 * {@link StreamMeter}) and reports digits. Sends to the address the SDP named until the far end's
 * packets come from elsewhere (a NAT): then to where they come from, if {@link MediaPeer} lets them
 * latch; packets and digits of anyone else are dropped and counted.
 */
final class RtpStream implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RtpSocket socket;
    private final int ssrc = RANDOM.nextInt();
    private final IntConsumer digits;
    private volatile AudioCodec codec;
    private volatile int eventType = -1;
    private final MediaPeer peer = new MediaPeer();
    private volatile boolean sending;
    private volatile boolean playing;
    private volatile AudioSource source;
    private volatile AudioSink sink;
    private volatile StreamMeter meter;
    private JitterBuffer buffer;
    private int seq = RANDOM.nextInt(1 << 16);
    private long timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    private long sent;
    private final DtmfEvents dtmf = new DtmfEvents();
    /** The arrays of the 20 ms cycle, made when the codec is agreed: a call makes no garbage per frame. */
    private short[] frame;
    private short[] lastFrame;
    private boolean haveLastFrame;
    private short[] concealment;
    private final byte[] payloadOut = new byte[AudioCodec.MAX_PAYLOAD];
    /** A received payload out of a buffer with no array behind it. */
    private final byte[] payloadIn = new byte[2048];
    private final ByteBuffer packetOut = ByteBuffer.allocate(12 + AudioCodec.MAX_PAYLOAD);
    /** Packets a tick made, for the sender thread's {@link #flush()}; null when this stream sends at once. */
    private final ByteBuffer[] queued;
    private int queuedCount;
    private int concealedInRow;
    private long lastEventTimestampIn = -1;
    private int lastSsrcIn;
    private boolean haveSsrcIn;
    private final Rtcp rtcp;
    private long octets;

    /** Opens a socket on an even port of the host's address, and one for RTCP on the port above. */
    RtpStream(String host, IntConsumer digits) throws IOException {
        this(host, digits, false);
    }

    /** @param queue whether {@link #speak()} queues its packets for {@link #flush()} rather than sending them */
    RtpStream(String host, IntConsumer digits, boolean queue) throws IOException {
        this(host, digits, queue, null);
    }

    /**
     * @param local the server's in-process path to the relay's sockets, or null: the relay's packets for this
     *        stream come, and its packets for the relay go, without the kernel
     */
    RtpStream(String host, IntConsumer digits, boolean queue, LocalDatagrams local) throws IOException {
        this.digits = digits;
        this.queued = queue ? new ByteBuffer[] { ByteBuffer.allocate(12 + AudioCodec.MAX_PAYLOAD),
                ByteBuffer.allocate(16), ByteBuffer.allocate(16), ByteBuffer.allocate(16) } : null;
        DatagramChannel[] pair = RtpSocket.pair(host);
        this.socket = new RtpSocket(pair[0], this::received, local);
        this.rtcp = new Rtcp(pair[1], ssrc, host);
    }

    int port() {
        return socket.port();
    }

    /** Starts or changes the media as agreed; {@code sip}: where the call's SIP came from, or null. */
    synchronized void configure(AudioCodec agreed, int events, InetSocketAddress to, InetAddress sip, boolean send,
            boolean play) {
        if (codec == null || codec.payloadType() != agreed.payloadType()
                || !codec.encoding().equals(agreed.encoding())) {
            codec = agreed;
            buffer = new JitterBuffer(agreed.frameTicks());
            frame = new short[agreed.frameSamples()];
            lastFrame = new short[agreed.frameSamples()];
            concealment = new short[agreed.frameSamples()];
            haveLastFrame = false;
            Codec[] types = new Codec[128];
            types[agreed.payloadType()] = Codec.of(agreed.encoding(), agreed.clockRate());
            if (events >= 0) {
                types[events] = Codec.of("telephone-event", 8000);
            }
            meter = new StreamMeter(types);
        }
        eventType = events;
        peer.signal(to, sip, System.nanoTime());
        rtcp.remote(new InetSocketAddress(to.getAddress(), to.getPort() + 1));
        sending = send;
        playing = play;
    }

    void audio(AudioSource from, AudioSink to) {
        source = from;
        sink = to;
    }

    AudioSource source() {
        return source;
    }

    AudioSink sink() {
        return sink;
    }

    synchronized void dtmf(String keys) {
        dtmf.add(keys);
    }

    /** Sends one frame and plays one: called every 20 ms. */
    synchronized void tick() {
        speak();
        hear();
    }

    /** Plays the frame of this 20 ms from the jitter buffer into the sink. */
    synchronized void hear() {
        AudioCodec c = codec;
        if (c != null) {
            play(c);
        }
    }

    /** Sends this 20 ms's frame from the source, and RTCP when due. */
    synchronized void speak() {
        AudioCodec c = codec;
        if (c == null) {
            return;
        }
        flush(); // what the sender thread has not sent yet goes before this frame
        short[] frame = this.frame;
        AudioSource s = source;
        if (s != null) {
            s.read(frame, c.sampleRate());
        } else {
            Arrays.fill(frame, (short) 0);
        }
        if (sending && peer.peer() != null) {
            send(c, frame);
        }
        timestamp = (timestamp + c.frameTicks()) & 0xFFFFFFFFL;
        StreamMeter m = meter;
        long now = System.nanoTime();
        if (sending && m != null && rtcp.due(now)) {
            m.publish();
            rtcp.send(now, timestamp, sent, octets, m.stats(), c.clockRate());
        }
    }

    private void send(AudioCodec c, short[] frame) {
        if (!dtmf.due(timestamp, eventType >= 0)) {
            packet(c.payloadType(), false, timestamp, payloadOut, c.encode(frame, payloadOut));
            return;
        }
        byte[] event = dtmf.payload(c.frameTicks(), c.clockRate());
        for (int i = dtmf.copies(); i > 0; i--) {
            packet(eventType, dtmf.first(), dtmf.timestamp(), event, event.length);
        }
        dtmf.sent();
    }

    private void packet(int pt, boolean marker, long ts, byte[] payload, int length) {
        if (queued != null && queuedCount == queued.length) {
            flush();
        }
        ByteBuffer b = queued == null ? packetOut.clear() : queued[queuedCount].clear();
        if (b.capacity() < 12 + length) {
            b = ByteBuffer.allocate(12 + AudioCodec.MAX_PAYLOAD);
            queued[queuedCount] = b;
        }
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq).putInt((int) ts).putInt(ssrc)
                .put(payload, 0, length).flip();
        seq = (seq + 1) & 0xFFFF;
        sent++;
        octets += length;
        if (queued != null) {
            queuedCount++;
        } else {
            send(b);
        }
    }

    /** Sends the packets the last {@link #speak()} queued. */
    synchronized void flush() {
        for (int i = 0; i < queuedCount; i++) {
            send(queued[i]);
        }
        queuedCount = 0;
    }

    private void send(ByteBuffer packet) {
        SocketAddress to = peer.peer();
        if (to != null) {
            socket.send(packet, to);
        }
    }

    private void play(AudioCodec c) {
        AudioSink out = sink;
        int length = buffer.take();
        short[] frame = length < 0 ? null : c.decode(buffer.taken(), 0, length);
        if (frame != null) {
            if (frame.length == lastFrame.length) {
                System.arraycopy(frame, 0, lastFrame, 0, frame.length);
                haveLastFrame = true;
            }
            concealedInRow = 0;
        } else {
            frame = conceal(c);
        }
        if (out != null && playing) {
            out.write(frame, c.sampleRate());
        }
        int skipped = buffer.skipped();
        if (skipped >= 0 && out != null && playing && out.records()) {
            short[] pcm = c.decode(buffer.skippedData(), 0, skipped);
            if (pcm != null) {
                out.write(pcm, c.sampleRate());
            }
        }
    }

    /** The codec's own concealment, else the last frame repeated, fading by half each time; silence after three. */
    private short[] conceal(AudioCodec c) {
        short[] own = c.conceal();
        if (own != null) {
            return own;
        }
        short[] frame = concealment;
        if (haveLastFrame && concealedInRow < 3) {
            int shift = ++concealedInRow;
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (lastFrame[i] >> shift);
            }
        } else {
            Arrays.fill(frame, (short) 0);
        }
        return frame;
    }

    private synchronized void received(ByteBuffer b, SocketAddress from, long now) {
        if (b.remaining() < 12 || (b.get(0) & 0xC0) != 0x80) {
            return;
        }
        StreamMeter m = meter;
        AudioCodec c = codec;
        if (m == null || c == null || !peer.accept(from, now)) {
            return;
        }
        m.packet(b, now);
        int pt = b.get(1) & 0x7F;
        long ts = b.getInt(4) & 0xFFFFFFFFL;
        int ssrcIn = b.getInt(8);
        int header = 12 + 4 * (b.get(0) & 0x0F);
        if ((b.get(0) & 0x10) != 0 && b.limit() >= header + 4) {
            header += 4 + 4 * (b.getShort(header + 2) & 0xFFFF);
        }
        if (b.limit() <= header) {
            return;
        }
        if (pt == eventType) {
            if (ts != lastEventTimestampIn) {
                lastEventTimestampIn = ts;
                int event = b.get(header) & 0xFF;
                if (event < DtmfEvents.DIGITS.length()) {
                    Keys.press(digits, DtmfEvents.DIGITS.charAt(event));
                }
            }
            return;
        }
        if (pt != c.payloadType()) {
            return;
        }
        if (haveSsrcIn && ssrcIn != lastSsrcIn) {
            buffer.reset();
        }
        haveSsrcIn = true;
        lastSsrcIn = ssrcIn;
        if (b.hasArray()) {
            buffer.put(ts, b.array(), b.arrayOffset() + header, b.limit() - header);
        } else { // the relay's own buffer, handed over in this server without the kernel
            b.get(header, payloadIn, 0, b.limit() - header);
            buffer.put(ts, payloadIn, 0, b.limit() - header);
        }
    }

    /** @return the packets dropped because they came from someone other than the call's far end */
    long strangers() {
        return peer.strangers();
    }

    synchronized CallStats stats() {
        AudioCodec c = codec;
        StreamMeter m = meter;
        if (c == null || m == null) {
            return CallStats.NONE;
        }
        Double rtt = rtcp.rttMs();
        if (rtt != null) {
            m.rtt(rtt);
        }
        m.publish();
        var s = m.stats();
        long[] counts = buffer.counts();
        double concealedPercent = counts[0] == 0 ? 0 : 100.0 * counts[1] / counts[0];
        double mos = EModel.mos(Codec.of(c.encoding(), c.clockRate()), s.lossPercent(),
                (s.rttMs() == null ? 0 : s.rttMs() / 2) + buffer.delayMs() + 20);
        return new CallStats(c.encoding(), sent, s.packets(), s.lossPercent(), s.jitterMs(), s.rttMs(),
                concealedPercent, buffer.delayMs(), mos);
    }

    @Override
    public void close() {
        rtcp.close();
        AudioSink recording = sink;
        if (recording != null && recording.records() && playing) {
            socket.takeWaiting();
        }
        flush();
        socket.close();
        AudioSink out = sink;
        if (out != null) {
            AudioCodec c = codec;
            if (out.records() && playing && c != null) {
                for (byte[] rest : buffer.drain()) {
                    short[] pcm = c.decode(rest, 0, rest.length);
                    if (pcm != null) {
                        out.write(pcm, c.sampleRate());
                    }
                }
            }
            out.close();
        }
    }
}
