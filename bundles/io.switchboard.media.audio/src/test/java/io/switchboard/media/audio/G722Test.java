package io.switchboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * A tone of either sub-band comes back out of G.722 at its own frequency, at its own level, and not
 * at its mirror image in the other band (which a sub-band coded with the wrong sign would give).
 */
class G722Test {

    private static final int RATE = 16_000;

    @Test
    void aLowBandToneKeepsItsFrequencyAndLevel() {
        roundTrip(1000);
    }

    @Test
    void aHighBandToneKeepsItsFrequencyAndLevel() {
        roundTrip(5000);
    }

    @Test
    void silenceCodesToSilenceAndOneBytePerTwoSamples() {
        G722 enc = new G722();
        G722 dec = new G722();
        byte[] coded = enc.encode(new short[320]);
        assertEquals(160, coded.length);
        for (int frame = 0; frame < 10; frame++) {
            coded = enc.encode(new short[320]);
        }
        short[] out = dec.decode(coded, 0, coded.length);
        assertEquals(320, out.length);
        for (short s : out) {
            assertTrue(Math.abs(s) < 32, "silence decodes to below -60 dBFS: " + s);
        }
    }

    @Test
    void theSameInputGivesTheSameCodeStream() {
        short[] tone = tone(1000, 0, 320);
        assertArrayEquals(new G722().encode(tone), new G722().encode(tone), "no state shared between instances");
    }

    private static void roundTrip(double hz) {
        G722 enc = new G722();
        G722 dec = new G722();
        int frames = 50; // one second in 20 ms frames
        short[] all = new short[frames * 320];
        for (int f = 0; f < frames; f++) {
            short[] in = tone(hz, f * 320, 320);
            byte[] coded = enc.encode(in);
            System.arraycopy(dec.decode(coded, 0, coded.length), 0, all, f * 320, 320);
        }
        // the codec's adaptation and filter delay settle within the first 100 ms
        short[] settled = Arrays.copyOfRange(all, RATE / 10, all.length);
        double at = Goertzel.power(settled, hz, RATE);
        double mirror = Goertzel.power(settled, RATE / 2.0 - hz, RATE);
        assertTrue(at > 1000 * mirror, hz + " Hz: " + at + " against its mirror's " + mirror);
        double rms = Math.sqrt(Arrays.stream(toDoubles(settled)).map(v -> v * v).average().orElse(0));
        double expected = 8000 / Math.sqrt(2);
        assertEquals(expected, rms, expected * 0.15, hz + " Hz keeps its level");
    }

    private static short[] tone(double hz, int from, int n) {
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * (from + i) / RATE));
        }
        return out;
    }


    private static double[] toDoubles(short[] s) {
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            d[i] = s[i];
        }
        return d;
    }
}
