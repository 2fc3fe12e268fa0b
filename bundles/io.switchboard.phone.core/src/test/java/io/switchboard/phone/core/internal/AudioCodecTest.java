package io.switchboard.phone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.media.audio.Goertzel;

/**
 * Every codec of the phone carries a tone through encoding and decoding at its own sample rate,
 * SDP names each as RFC 3551 and RFC 7587 say, and Opus conceals a lost packet with sound.
 */
class AudioCodecTest {

    @Test
    void eachCodecCarriesAToneAtItsOwnRate() {
        for (AudioCodec c : AudioCodec.of(AudioCodec.NAMES)) {
            Tone tone = new Tone(1000);
            short[] heard = new short[0];
            for (int frame = 0; frame < 50; frame++) {
                short[] pcm = new short[c.frameSamples()];
                tone.read(pcm, c.sampleRate());
                byte[] coded = new byte[AudioCodec.MAX_PAYLOAD];
                int n = c.encode(pcm, coded);
                short[] out = c.decode(coded, 0, n);
                assertNotNull(out, c.encoding());
                assertEquals(c.frameSamples(), out.length, c.encoding() + " decodes a 20 ms frame");
                if (frame > 0) {
                    assertSame(heard, out, c.encoding() + " decodes into the same array each frame");
                }
                heard = out;
            }
            double at = Goertzel.power(heard, 1000, c.sampleRate());
            double off = Goertzel.power(heard, 1700, c.sampleRate());
            assertTrue(at > 100 * off, c.encoding() + ": 1000 Hz " + at + " against 1700 Hz " + off);
        }
    }

    @Test
    void sdpNamesAndPayloadTypes() {
        List<AudioCodec> all = AudioCodec.of(List.of("opus", "g722", "PCMU", "pcma"));
        assertEquals("maxplaybackrate=16000;sprop-maxcapturerate=16000;useinbandfec=1", all.get(0).fmtp(),
                "the far end learns that wideband is all the engine plays");
        assertEquals(List.of("opus/48000/2", "G722/8000", "PCMU/8000", "PCMA/8000"),
                all.stream().map(AudioCodec::rtpmap).toList());
        assertEquals(List.of(111, 9, 0, 8), all.stream().map(AudioCodec::payloadType).toList());
        assertEquals("opus", AudioCodec.of(96, "OPUS/48000/2", all).encoding(), "a dynamic type by its rtpmap");
        assertEquals("G722", AudioCodec.of(9, null, all).encoding(), "a static type without rtpmap");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AudioCodec.of(List.of("PCMU", "G729")));
        assertTrue(e.getMessage().contains("G729"), e.getMessage());
    }

    @Test
    void opusConcealsALostPacketWithSound() {
        AudioCodec opus = AudioCodec.of(List.of("opus")).get(0);
        Tone tone = new Tone(440);
        for (int frame = 0; frame < 25; frame++) {
            short[] pcm = new short[opus.frameSamples()];
            tone.read(pcm, opus.sampleRate());
            byte[] coded = new byte[AudioCodec.MAX_PAYLOAD];
            opus.decode(coded, 0, opus.encode(pcm, coded));
        }
        short[] concealed = opus.conceal();
        assertNotNull(concealed);
        assertEquals(opus.frameSamples(), concealed.length);
        assertTrue(Goertzel.power(concealed, 440, opus.sampleRate()) > 1e6, "the lost frame goes on with the tone");
        assertEquals(null, AudioCodec.of(List.of("PCMU")).get(0).conceal(), "G.711 leaves concealment to the stream");
    }

}
