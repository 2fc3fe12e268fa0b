package io.switchboard.testcall.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The meter tells the test tone from other sound and from silence, at its level, at any sample rate. */
class ToneMeterTest {

    @Test
    void theTestToneIsAllOfWhatIsHeardAtItsLevel() {
        for (int rate : new int[] { 8000, 16_000, 48_000 }) {
            ToneMeter m = new ToneMeter(Prober.TONE_HZ);
            m.start();
            feed(m, rate, 1004, 0.1, 0);
            assertTrue(m.toneShare() > 0.95, rate + " Hz: share " + m.toneShare());
            assertEquals(-20, m.levelDb(), 0.5, rate + " Hz: a sine at a tenth of full scale is -20 dBFS");
        }
    }

    @Test
    void anotherToneOrNoiseIsNotTheTestTone() {
        ToneMeter other = new ToneMeter(Prober.TONE_HZ);
        other.start();
        feed(other, 8000, 697, 0.3, 0);
        assertTrue(other.toneShare() < 0.01, "a 697 Hz tone: " + other.toneShare());
        ToneMeter noise = new ToneMeter(Prober.TONE_HZ);
        noise.start();
        feed(noise, 8000, 1004, 0, 0.3);
        assertTrue(noise.toneShare() < 0.05 && noise.levelDb() > -20, "noise: " + noise.toneShare() + ", "
                + noise.levelDb());
    }

    @Test
    void silenceAndFramesBeforeTheStartCountAsNothing() {
        ToneMeter m = new ToneMeter(Prober.TONE_HZ);
        feed(m, 8000, 1004, 0.5, 0);
        assertEquals(-120, m.levelDb(), "nothing counted before start()");
        m.start();
        m.write(new short[160], 8000);
        assertEquals(-120, m.levelDb());
        assertEquals(0, m.toneShare());
    }

    /** Two seconds of 20 ms frames: a sine at {@code amplitude} of full scale plus white noise. */
    private static void feed(ToneMeter m, int rate, double hz, double amplitude, double noise) {
        SplittableRandom r = new SplittableRandom(7);
        int n = rate / 50;
        for (int f = 0; f < 100; f++) {
            short[] frame = new short[n];
            for (int i = 0; i < n; i++) {
                double v = amplitude * Math.sin(2 * Math.PI * hz * (f * n + i) / rate) + noise * (r.nextDouble() * 2 - 1);
                frame[i] = (short) Math.round(32767 * v);
            }
            m.write(frame, rate);
        }
    }
}
