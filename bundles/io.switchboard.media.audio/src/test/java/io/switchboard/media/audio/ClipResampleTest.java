package io.switchboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Music made smaller keeps its band and drops what it cannot carry, instead of folding it into the band. */
class ClipResampleTest {

    @Test
    void aToneInTheBandKeepsItsPitchAndLevel() {
        Clip wide = tone(44100, 523, 2);
        Clip narrow = wide.resampled(8000);
        assertEquals(8000, narrow.rate());
        assertEquals(16000, narrow.samples().length, 1);
        double inBand = power(narrow.samples(), 2000, 523);
        double full = power(tone(8000, 523, 1).samples(), 2000, 523);
        assertTrue(inBand > full * 0.8, "523 Hz kept at its level: " + inBand + " against " + full);
        assertSame(narrow, narrow.resampled(8000), "at its own rate a clip is itself");
    }

    @Test
    void aToneAboveTheNewBandIsDroppedNotFolded() {
        // 7 kHz at 8 kHz would fold to 1 kHz if every sixth sample were kept
        Clip narrow = tone(48000, 7000, 1).resampled(8000);
        double folded = power(narrow.samples(), 2000, 1000);
        double full = power(tone(8000, 1000, 1).samples(), 2000, 1000);
        assertTrue(folded < full / 1000, "7 kHz heard at 1 kHz: " + folded + " against a 1 kHz tone's " + full);
    }

    @Test
    void clipsJoinedAtOneRate() {
        Clip joined = Clip.joined(List.of(tone(16000, 440, 1), tone(8000, 880, 1)), 8000);
        assertEquals(16000, joined.samples().length, 2);
        assertTrue(power(joined.samples(), 1000, 440)
                > 100 * power(joined.samples(), 1000, 880), "440 Hz first");
        assertTrue(power(joined.samples(), 10000, 880)
                > 100 * power(joined.samples(), 10000, 440), "then 880 Hz");
    }

    /** @return the power of hz in 4,000 samples (half a second at 8 kHz) from {@code from} */
    private static double power(short[] samples, int from, double hz) {
        return Goertzel.power(Arrays.copyOfRange(samples, from, from + 4000), hz, 8000);
    }

    private static Clip tone(int rate, double hz, int seconds) {
        short[] s = new short[rate * seconds];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new Clip(s, rate);
    }
}
