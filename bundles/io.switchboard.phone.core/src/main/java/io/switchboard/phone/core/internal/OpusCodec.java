package io.switchboard.phone.core.internal;

import java.util.Arrays;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus (RFC 7587: always opus/48000/2 in SDP, on a 48 kHz RTP clock) through Concentus: wideband
 * speech, mono at 16 kHz (audio to 8 kHz, as G.722 and HD voice), voice mode with in-band forward
 * error correction; a lost packet is concealed by the decoder's own loss concealment. The far end
 * is told (fmtp) that 16 kHz is all this phone captures and plays, so it need not send more.
 */
final class OpusCodec extends AudioCodec {

    /** Pure-Java Opus costs about three times the CPU at 48 kHz as at 16 kHz (docs/benchmarks.md). */
    private static final int RATE = 16_000;
    private static final int FRAME = RATE / 50;
    /** Complexity 3 of 10: speech stays clear at half the encoder's CPU of 5 (docs/benchmarks.md). */
    private static final int COMPLEXITY = 3;
    private OpusEncoder encoder;
    private OpusDecoder decoder;
    /** Up to 120 ms, the most a packet may hold. */
    private final short[] decoded = new short[FRAME * 6];
    private final short[] frame = new short[FRAME];

    OpusCodec(int pt) {
        super(pt);
    }

    @Override
    String encoding() {
        return "opus";
    }

    @Override
    String rtpmap() {
        return "opus/48000/2";
    }

    @Override
    int clockRate() {
        return 48_000;
    }

    @Override
    int sampleRate() {
        return RATE;
    }

    @Override
    String fmtp() {
        return "maxplaybackrate=" + RATE + ";sprop-maxcapturerate=" + RATE + ";useinbandfec=1";
    }

    @Override
    int encode(short[] pcm, byte[] out) {
        try {
            if (encoder == null) {
                encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
                encoder.setComplexity(COMPLEXITY);
                encoder.setUseInbandFEC(true);
                encoder.setPacketLossPercent(5);
            }
            return encoder.encode(pcm, 0, FRAME, out, 0, out.length);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus cannot code a 20 ms frame: " + e.getMessage(), e);
        }
    }

    @Override
    short[] decode(byte[] payload, int offset, int length) {
        return decodeOrConceal(payload, offset, length);
    }

    @Override
    short[] conceal() {
        return decodeOrConceal(null, 0, 0);
    }

    private short[] decodeOrConceal(byte[] payload, int offset, int length) {
        try {
            if (decoder == null) {
                decoder = new OpusDecoder(RATE, 1);
            }
            int n = decoder.decode(payload, offset, length, decoded, 0, payload == null ? FRAME : decoded.length,
                    false);
            if (n != FRAME) {
                return Arrays.copyOf(decoded, n);
            }
            System.arraycopy(decoded, 0, frame, 0, FRAME);
            return frame;
        } catch (OpusException | RuntimeException e) {
            return null; // a corrupt packet: concealed like a lost one
        }
    }

    @Override
    AudioCodec withPayloadType(int type) {
        return new OpusCodec(type);
    }
}
