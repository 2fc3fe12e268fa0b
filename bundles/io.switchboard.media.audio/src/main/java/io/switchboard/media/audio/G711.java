package io.switchboard.media.audio;

/**
 * ITU-T G.711 µ-law and A-law to and from 16-bit linear PCM: expansion by table (as in the ITU's
 * reference g711.c), compression by the segment search of the same code.
 */
public final class G711 {

    private static final short[] ULAW = new short[256];
    private static final short[] ALAW = new short[256];
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int t = (((u & 0x0F) << 3) + BIAS) << ((u & 0x70) >> 4);
            ULAW[i] = (short) ((u & 0x80) != 0 ? BIAS - t : t - BIAS);
            int a = i ^ 0x55;
            int seg = (a & 0x70) >> 4;
            int v = ((a & 0x0F) << 4) + 8;
            if (seg != 0) {
                v = (v + 0x100) << (seg - 1);
            }
            ALAW[i] = (short) ((a & 0x80) != 0 ? v : -v);
        }
    }

    private G711() {
    }

    public static short ulawToLinear(byte b) {
        return ULAW[b & 0xFF];
    }

    public static short alawToLinear(byte b) {
        return ALAW[b & 0xFF];
    }

    public static byte linearToUlaw(short pcm) {
        int sign = pcm < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs((int) pcm), CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static byte linearToAlaw(short pcm) {
        int sign = pcm >= 0 ? 0x80 : 0;
        int magnitude = Math.min(pcm >= 0 ? pcm : -(int) pcm - 1, 32767) >> 3; // 13-bit magnitude
        int code;
        if (magnitude < 32) {
            code = magnitude >> 1;
        } else {
            int segment = 1;
            for (int m = magnitude >> 5; m > 1; m >>= 1) {
                segment++;
            }
            code = (segment << 4) | ((magnitude >> segment) & 0x0F);
        }
        return (byte) ((sign | code) ^ 0x55);
    }
}
