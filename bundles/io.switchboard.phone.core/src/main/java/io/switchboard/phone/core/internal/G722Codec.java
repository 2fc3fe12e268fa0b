package io.switchboard.phone.core.internal;

import io.switchboard.media.audio.G722;

/** G.722: 16 kHz audio, whose RTP clock is 8000 all the same (RFC 3551); a coder per direction. */
final class G722Codec extends AudioCodec {

    private final G722 encoder = new G722();
    private final G722 decoder = new G722();

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
    byte[] encode(short[] pcm) {
        return encoder.encode(pcm);
    }

    @Override
    short[] decode(byte[] payload, int offset, int length) {
        return decoder.decode(payload, offset, length);
    }

    @Override
    AudioCodec withPayloadType(int type) {
        return new G722Codec(type);
    }
}
