package io.switchboard.media.audio;

import java.nio.ByteBuffer;

import io.switchboard.media.api.StreamStats;

/**
 * Measures one direction of a call from the RTP packets one leg sends: packets, losses from the
 * sequence numbers (RFC 3550 A.1: 16-bit wrap-around, reordered and duplicate packets, a restart
 * after a large jump), interarrival jitter (A.8) in the audio codec's clock, and RFC 4733 events.
 * A new SSRC starts a new count whose figures add to the old one's. Allocates nothing per packet;
 * one thread (the relay's) feeds it, any thread may read {@link #stats}.
 */
public final class StreamMeter {

    private static final int SEQ_MOD = 1 << 16;
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private final Codec[] payloadTypes;
    private Codec audio;
    private boolean started;
    private int ssrc;
    private int maxSeq;
    private int badSeq;
    private long cycles;
    private int baseSeq;
    private long received;
    private long priorExpected;
    private long priorReceived;
    private boolean haveTransit;
    private int lastTransit;
    private long firstArrival;
    private double jitter;
    private long lastEventTimestamp = -1;
    private long events;
    private volatile Double rttMs;
    private volatile StreamStats published = StreamStats.NONE;

    /** @param payloadTypes the codec of each payload type 0-127 the SDP names (null for the others) */
    public StreamMeter(Codec[] payloadTypes) {
        this.payloadTypes = payloadTypes;
    }

    /**
     * Counts one packet.
     *
     * @param packet an RTP packet from its position to its limit (left unchanged)
     * @param arrivalNanos when it arrived, on {@link System#nanoTime}'s clock
     * @return whether it was an RTP packet this meter counted
     */
    public boolean packet(ByteBuffer packet, long arrivalNanos) {
        int at = packet.position();
        if (packet.remaining() < 12 || (packet.get(at) & 0xC0) != 0x80) {
            return false;
        }
        int pt = packet.get(at + 1) & 0x7F;
        int seq = packet.getShort(at + 2) & 0xFFFF;
        long timestamp = packet.getInt(at + 4) & 0xFFFFFFFFL;
        int source = packet.getInt(at + 8);
        if (!started || source != ssrc) {
            restart(seq, source);
        } else if (!sequence(seq)) {
            return true;
        }
        Codec codec = payloadTypes[pt];
        if (codec != null && codec.isTelephoneEvent()) {
            if (timestamp != lastEventTimestamp) {
                lastEventTimestamp = timestamp;
                events++;
            }
        } else if (codec != null) {
            audio = codec;
            jitter(timestamp, arrivalNanos, codec.clockRate());
        }
        return true;
    }

    /** RFC 3550 A.1 update_seq: whether the packet counts (a first packet after a large jump does not). */
    private boolean sequence(int seq) {
        int delta = (seq - maxSeq) & (SEQ_MOD - 1);
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & (SEQ_MOD - 1);
                return false;
            }
            // Two packets in sequence after the jump: the sender restarted; count from here.
            fold();
            start(seq);
        }
        received++;
        return true;
    }

    private void restart(int seq, int source) {
        if (started) {
            fold();
        }
        started = true;
        ssrc = source;
        haveTransit = false;
        start(seq);
        received++;
    }

    private void start(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
    }

    /** Keeps what a count measured before a new one starts. */
    private void fold() {
        priorExpected += expectedNow();
        priorReceived += received;
    }

    private long expectedNow() {
        return cycles + maxSeq - baseSeq + 1;
    }

    /** RFC 3550 A.8, in the codec's clock; the transit difference wraps as the 32-bit timestamps do. */
    private void jitter(long timestamp, long arrivalNanos, int clockRate) {
        if (!haveTransit) {
            firstArrival = arrivalNanos;
        }
        // Counted from the stream's first packet, so that nanoseconds times the clock rate stay in a long.
        long arrival = (arrivalNanos - firstArrival) * clockRate / 1_000_000_000L;
        int transit = (int) (arrival - timestamp);
        if (haveTransit) {
            int d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** The round-trip time RTCP gave for this direction's sender. */
    public void rtt(double ms) {
        rttMs = ms;
    }

    /** Brings the figures others read up to date (the relay calls it now and then, not per packet). */
    public void publish() {
        long expected = priorExpected + (started ? expectedNow() : 0);
        long got = priorReceived + received;
        long lost = Math.max(0, expected - got);
        Codec codec = audio;
        double jitterMs = codec == null ? 0 : jitter * 1000.0 / codec.clockRate();
        Double rtt = rttMs;
        Double mos = codec == null ? null
                : EModel.mos(codec, expected <= 0 ? 0 : 100.0 * lost / expected, oneWayDelay(rtt, jitterMs));
        published = new StreamStats(codec == null ? null : codec.name(), got, expected, lost, jitterMs, rtt, mos,
                events);
    }

    /** Mouth to ear: half the round trip, a jitter buffer of twice the jitter, 20 ms of packetization. */
    private static double oneWayDelay(Double rttMs, double jitterMs) {
        return (rttMs == null ? 0 : rttMs / 2) + 2 * jitterMs + 20;
    }

    public StreamStats stats() {
        return published;
    }
}
