package io.switchboard.parking.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A retrieved call's audio between two engine legs: frames in order, a little slack, rates crossed. */
class PipeTest {

    @Test
    void framesComeOutInOrderAndSilenceWhenNothingCame() {
        Pipe pipe = new Pipe();
        short[] out = new short[4];
        pipe.read(out, 8000);
        assertArrayEquals(new short[4], out, "nothing said yet: silence");
        pipe.write(new short[] { 1, 2, 3, 4 }, 8000);
        pipe.write(new short[] { 5, 6, 7, 8 }, 8000);
        pipe.read(out, 8000);
        assertArrayEquals(new short[] { 1, 2, 3, 4 }, out);
        pipe.read(out, 8000);
        assertArrayEquals(new short[] { 5, 6, 7, 8 }, out);
    }

    @Test
    void aLateReaderLosesTheOldestFramesNotTheNewest() {
        Pipe pipe = new Pipe();
        for (short i = 1; i <= 5; i++) {
            pipe.write(new short[] { i }, 8000);
        }
        short[] out = new short[1];
        pipe.read(out, 8000);
        assertEquals(3, out[0], "60 ms of slack: frames 1 and 2 were dropped");
    }

    @Test
    void aFrameOfAnotherRateIsStretchedToTheSameTwentyMilliseconds() {
        Pipe pipe = new Pipe();
        short[] narrow = new short[160];
        for (int i = 0; i < narrow.length; i++) {
            narrow[i] = (short) i;
        }
        pipe.write(narrow, 8000);
        short[] wide = new short[960];
        pipe.read(wide, 48000);
        assertEquals(0, wide[5]);
        assertEquals(1, wide[6]);
        assertEquals(159, wide[959]);
    }
}
