package io.switchboard.phone.core.internal;

import io.switchboard.media.audio.G722;

/** G.722: 16 kHz audio, whose RTP clock is 8000 all the same (RFC 3551); a coder per direction. */
final class G722Codec extends AudioCodec {

    private final G722 encoder = new G722();
    private final G722 decoder = new G722();
    private final short[] decoded = new short[320];

    G722Codec(int pt) {
        super(pt);
    }

    @Override
    String encoding() {
        return "G722";
    }

    @Override
    int clockRate() {
        return 8000;
    }

    @Override
    int sampleRate() {
        return 16_000;
    }

    @Override
    int encode(short[] pcm, byte[] out) {
        return encoder.encode(pcm, pcm.length, out);
    }

    @Override
    short[] decode(byte[] payload, int offset, int length) {
        if (2 * length != decoded.length) {
            return decoder.decode(payload, offset, length); // not 20 ms: an array of its own
        }
        decoder.decode(payload, offset, length, decoded);
        return decoded;
    }

    @Override
    AudioCodec withPayloadType(int type) {
        return new G722Codec(type);
    }
}
