package io.switchboard.media.audio;

/**
 * ITU-T G.722 at 64 kbit/s: 16 kHz audio split by a quadrature mirror filter into two sub-bands,
 * each coded by adaptive differential PCM (6 bits low, 2 bits high: one byte per two samples). No
 * library on Maven Central implements it in Java, so this follows the Recommendation's blocks
 * (their names are kept in the comments). An instance codes one direction of one call.
 */
public final class G722 {

    private static final int[] QMF = { 3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11 };
    /** Lower band quantizer decision levels (Q6), and the codes of each interval, negative and positive */
    private static final int[] Q6 = { 0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
            786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919 };
    private static final int[] ILN = { 0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15,
            14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4 };
    private static final int[] ILP = { 0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43,
            42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32 };
    /** Inverse quantizers: 4 bits for the predictor, 6 bits for the decoder's output, 2 bits high band */
    private static final int[] QM4 = { 0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288,
            4240, 2584, 1200, 0 };
    private static final int[] QM6 = { -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280,
            -11192, -10232, -9360, -8576, -7856, -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776,
            -2400, -2032, -1688, -1360, -1040, -728, 24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360,
            8576, 7856, 7192, 6576, 6000, 5456, 4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728,
            432, 136, -432, -136 };
    private static final int[] QM2 = { -7408, -1616, 7408, 1616 };
    /** Scale factor adaptation: log multipliers and the codes' magnitudes */
    private static final int[] WL = { -60, -30, 58, 172, 334, 538, 1198, 3042 };
    private static final int[] RL42 = { 0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0 };
    private static final int[] WH = { 0, -214, 798 };
    private static final int[] RH2 = { 2, 1, 2, 1 };
    private static final int[] IHN = { 0, 1, 0 };
    private static final int[] IHP = { 0, 3, 2 };
    /** Antilog table of the scale factors */
    private static final int[] ILB = { 2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656,
            2714, 2774, 2834, 2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922,
            4008 };

    private final Band low = new Band(32);
    private final Band high = new Band(8);
    private final int[] x = new int[24];

    /** @return 16 kHz PCM coded, one byte per two samples (an odd last sample is dropped) */
    public byte[] encode(short[] pcm) {
        byte[] out = new byte[pcm.length / 2];
        encode(pcm, pcm.length, out);
        return out;
    }

    /**
     * Codes into a buffer of the caller's, for a coder that runs fifty times a second per call.
     *
     * @return the bytes written: {@code samples / 2}
     * @since 1.2
     */
    public int encode(short[] pcm, int samples, byte[] out) {
        int n = samples / 2;
        for (int j = 0; j < n; j++) {
            System.arraycopy(x, 2, x, 0, 22);
            x[22] = pcm[2 * j];
            x[23] = pcm[2 * j + 1];
            int sumEven = 0;
            int sumOdd = 0;
            for (int i = 0; i < 12; i++) {
                sumOdd += x[2 * i] * QMF[i];
                sumEven += x[2 * i + 1] * QMF[11 - i];
            }
            int xLow = (sumEven + sumOdd) >> 14;
            int xHigh = (sumEven - sumOdd) >> 14;
            out[j] = (byte) ((encodeHigh(xHigh) << 6) | encodeLow(xLow));
        }
        return n;
    }

    /** @return the 16 kHz PCM of coded bytes, two samples each */
    public short[] decode(byte[] coded, int offset, int length) {
        short[] out = new short[2 * length];
        decode(coded, offset, length, out);
        return out;
    }

    /**
     * Decodes into a buffer of the caller's, which holds at least {@code 2 * length} samples.
     *
     * @return the samples written: {@code 2 * length}
     * @since 1.2
     */
    public int decode(byte[] coded, int offset, int length, short[] out) {
        for (int j = 0; j < length; j++) {
            int code = coded[offset + j] & 0xFF;
            int rLow = decodeLow(code & 0x3F);
            int rHigh = decodeHigh((code >> 6) & 0x03);
            System.arraycopy(x, 2, x, 0, 22);
            x[22] = rLow + rHigh;
            x[23] = rLow - rHigh;
            int out1 = 0;
            int out2 = 0;
            for (int i = 0; i < 12; i++) {
                out2 += x[2 * i] * QMF[i];
                out1 += x[2 * i + 1] * QMF[11 - i];
            }
            out[2 * j] = saturate(out1 >> 11);
            out[2 * j + 1] = saturate(out2 >> 11);
        }
        return 2 * length;
    }

    private int encodeLow(int xLow) {
        int el = saturate(xLow - low.s);
        int wd = el >= 0 ? el : -(el + 1);
        int i = 1;
        while (i < 30 && wd >= (Q6[i] * low.det) >> 12) {
            i++;
        }
        int code = el < 0 ? ILN[i] : ILP[i];
        adaptLow(code >> 2);
        return code;
    }

    private int decodeLow(int code) {
        int rLow = Math.max(-16384, Math.min(16383, low.s + ((low.det * QM6[code]) >> 15))); // RECONS, LIMIT
        adaptLow(code >> 2);
        return rLow;
    }

    /** INVQAL, LOGSCL, SCALEL and the predictor of the lower band, from the code's upper 4 bits. */
    private void adaptLow(int ril) {
        int dLow = (low.det * QM4[ril]) >> 15;
        low.nb = Math.max(0, Math.min(18432, ((low.nb * 127) >> 7) + WL[RL42[ril]]));
        low.det = scale(low.nb, 8);
        low.predict(dLow);
    }

    private int encodeHigh(int xHigh) {
        int eh = saturate(xHigh - high.s);
        int wd = eh >= 0 ? eh : -(eh + 1);
        int mih = wd >= (564 * high.det) >> 12 ? 2 : 1;
        int code = eh < 0 ? IHN[mih] : IHP[mih];
        adaptHigh(code);
        return code;
    }

    private int decodeHigh(int code) {
        int rHigh = Math.max(-16384, Math.min(16383, high.s + ((high.det * QM2[code]) >> 15)));
        adaptHigh(code);
        return rHigh;
    }

    /** INVQAH, LOGSCH, SCALEH and the predictor of the higher band. */
    private void adaptHigh(int code) {
        int dHigh = (high.det * QM2[code]) >> 15;
        high.nb = Math.max(0, Math.min(22528, ((high.nb * 127) >> 7) + WH[RH2[code]]));
        high.det = scale(high.nb, 10);
        high.predict(dHigh);
    }

    private static int scale(int nb, int shift) {
        int wd1 = (nb >> 6) & 31;
        int wd2 = shift - (nb >> 11);
        int wd3 = wd2 < 0 ? ILB[wd1] << -wd2 : ILB[wd1] >> wd2;
        return wd3 << 2;
    }

    static short saturate(int v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** A sub-band's adaptive predictor: two poles, six zeros (block 4). */
    private static final class Band {
        int s;
        int sp;
        int sz;
        final int[] r = new int[3];
        final int[] a = new int[3];
        final int[] ap = new int[3];
        final int[] p = new int[3];
        final int[] d = new int[7];
        final int[] b = new int[7];
        final int[] bp = new int[7];
        final int[] sg = new int[7];
        int nb;
        int det;

        Band(int det) {
            this.det = det;
        }

        void predict(int dq) {
            d[0] = dq;
            r[0] = saturate(s + dq); // RECONS
            p[0] = saturate(sz + dq); // PARREC
            // UPPOL2
            for (int i = 0; i < 3; i++) {
                sg[i] = p[i] >> 15;
            }
            int wd1 = saturate(a[1] << 2);
            int wd2 = Math.min(32767, sg[0] == sg[1] ? -wd1 : wd1);
            int wd3 = (wd2 >> 7) + (sg[0] == sg[2] ? 128 : -128) + ((a[2] * 32512) >> 15);
            ap[2] = Math.max(-12288, Math.min(12288, wd3));
            // UPPOL1
            sg[0] = p[0] >> 15;
            sg[1] = p[1] >> 15;
            ap[1] = saturate((sg[0] == sg[1] ? 192 : -192) + ((a[1] * 32640) >> 15));
            int limit = saturate(15360 - ap[2]);
            ap[1] = Math.max(-limit, Math.min(limit, ap[1]));
            // UPZERO
            int step = dq == 0 ? 0 : 128;
            sg[0] = dq >> 15;
            for (int i = 1; i < 7; i++) {
                sg[i] = d[i] >> 15;
                bp[i] = saturate((sg[i] == sg[0] ? step : -step) + ((b[i] * 32640) >> 15));
            }
            // DELAYA
            for (int i = 6; i > 0; i--) {
                d[i] = d[i - 1];
                b[i] = bp[i];
            }
            for (int i = 2; i > 0; i--) {
                r[i] = r[i - 1];
                p[i] = p[i - 1];
                a[i] = ap[i];
            }
            // FILTEP, FILTEZ, PREDIC
            sp = saturate(((a[1] * saturate(r[1] + r[1])) >> 15) + ((a[2] * saturate(r[2] + r[2])) >> 15));
            int z = 0;
            for (int i = 6; i > 0; i--) {
                z += (b[i] * saturate(d[i] + d[i])) >> 15;
            }
            sz = saturate(z);
            s = saturate(sp + sz);
        }
    }
}
