package io.switchboard.phone.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.switchboard.media.audio.G711;

/**
 * A codec of the phone: its RTP payload type and name, and the coding of 20 ms frames. Each call
 * has its own instance, as codecs with state (G.722, Opus) need.
 */
abstract class AudioCodec {

    private final int payloadType;

    AudioCodec(int payloadType) {
        this.payloadType = payloadType;
    }

    /** @return the payload type, the encoding name, the RTP clock and the sample rate of its PCM */
    final int payloadType() {
        return payloadType;
    }

    abstract String encoding();

    abstract int clockRate();

    abstract int sampleRate();

    /**
     * Codes one 20 ms frame of PCM at {@link #sampleRate()} into {@code out}, which holds an RTP
     * payload of the largest size ({@link #MAX_PAYLOAD}).
     *
     * @return the bytes written
     */
    abstract int encode(short[] pcm, byte[] out);

    /**
     * @return the PCM of one packet's payload in an array of the codec's own that the next call of
     *         {@code decode} or {@link #conceal()} overwrites (the engine codes fifty frames a second
     *         per call, and makes no garbage for them), or null when it cannot be decoded (then it
     *         counts as lost)
     */
    abstract short[] decode(byte[] payload, int offset, int length);

    /** @return a 20 ms frame standing in for a lost packet (the codec's array, as {@link #decode}), or null for none of its own */
    short[] conceal() {
        return null;
    }

    /** The largest RTP payload a codec writes: Opus's 1,275 bytes. */
    static final int MAX_PAYLOAD = 1275;

    /** @return what SDP's rtpmap says after the payload type: encoding/clock[/channels] */
    String rtpmap() {
        return encoding() + "/" + clockRate();
    }

    /** @return the format parameters SDP gives the codec (a=fmtp), or null for none */
    String fmtp() {
        return null;
    }

    /** @return samples per 20 ms frame */
    final int frameSamples() {
        return sampleRate() / 50;
    }

    /** @return RTP timestamp units per 20 ms frame */
    final int frameTicks() {
        return clockRate() / 50;
    }

    /** The codecs a phone has, in the order it offers them unless told otherwise. */
    static final List<String> NAMES = List.of("opus", "G722", "PCMU", "PCMA");

    /**
     * @param names codec names (any case), best first
     * @return new instances of the named codecs under their usual payload types
     * @throws IllegalArgumentException naming a codec the phone does not have
     */
    static List<AudioCodec> of(List<String> names) {
        List<AudioCodec> codecs = new ArrayList<>();
        for (String name : names) {
            codecs.add(switch (name.toUpperCase(Locale.ROOT)) {
                case "OPUS" -> new OpusCodec(111);
                case "G722" -> new G722Codec(9);
                case "PCMU" -> new Pcm(0, "PCMU");
                case "PCMA" -> new Pcm(8, "PCMA");
                default -> throw new IllegalArgumentException("No codec " + name + ": the phone has " + NAMES);
            });
        }
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("A phone needs at least one codec of " + NAMES);
        }
        return codecs;
    }

    /** @return a new instance of the supported codec that the payload type (and rtpmap name) stands for */
    static AudioCodec of(int pt, String rtpmap, List<AudioCodec> supported) {
        for (AudioCodec c : supported) {
            boolean named = rtpmap != null && rtpmap.equalsIgnoreCase(c.rtpmap());
            boolean staticType = rtpmap == null && pt < 96 && pt == c.payloadType();
            if (named || staticType) {
                return c.withPayloadType(pt);
            }
        }
        return null;
    }

    /** @return a fresh instance of this codec under the payload type the far end uses */
    abstract AudioCodec withPayloadType(int pt);

    /** G.711 µ-law (PCMU) or A-law (PCMA). */
    static final class Pcm extends AudioCodec {

        private final String name;
        private final boolean ulaw;
        private final short[] decoded = new short[160];

        Pcm(int pt, String name) {
            super(pt);
            this.name = name;
            this.ulaw = name.equals("PCMU");
        }

        @Override
        String encoding() {
            return name;
        }

        @Override
        int clockRate() {
            return 8000;
        }

        @Override
        int sampleRate() {
            return 8000;
        }

        @Override
        int encode(short[] pcm, byte[] out) {
            for (int i = 0; i < pcm.length; i++) {
                out[i] = ulaw ? G711.linearToUlaw(pcm[i]) : G711.linearToAlaw(pcm[i]);
            }
            return pcm.length;
        }

        @Override
        short[] decode(byte[] payload, int offset, int length) {
            short[] out = length == decoded.length ? decoded : new short[length];
            for (int i = 0; i < length; i++) {
                byte b = payload[offset + i];
                out[i] = ulaw ? G711.ulawToLinear(b) : G711.alawToLinear(b);
            }
            return out;
        }

        @Override
        AudioCodec withPayloadType(int type) {
            return new Pcm(type, name);
        }
    }
}
