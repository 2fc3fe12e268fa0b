package io.switchboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Compression inverts expansion on every code, and stays within G.711's quantization step. */
class G711Test {

    @Test
    void everyCodeSurvivesExpansionAndCompression() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            byte u = G711.linearToUlaw(G711.ulawToLinear(b));
            // 0x7F and 0xFF are both zero: the encoder picks the positive one
            assertEquals(code == 0x7F ? (byte) 0xFF : b, u, "u-law " + code);
            assertEquals(b, G711.linearToAlaw(G711.alawToLinear(b)), "A-law " + code);
        }
    }

    @Test
    void quantizationErrorIsWithinHalfAStepOfTheSegment() {
        for (int pcm = -32768; pcm <= 32767; pcm += 7) {
            short s = (short) pcm;
            int u = G711.ulawToLinear(G711.linearToUlaw(s));
            int a = G711.alawToLinear(G711.linearToAlaw(s));
            // the largest segment's step is 1024 (u-law) and 1024 (A-law); small values are far finer
            int allowed = Math.max(16, Math.abs(pcm) / 16 + 16);
            assertTrue(Math.abs(u - pcm) <= allowed, "u-law " + pcm + " -> " + u);
            assertTrue(Math.abs(a - pcm) <= allowed, "A-law " + pcm + " -> " + a);
        }
    }
}
