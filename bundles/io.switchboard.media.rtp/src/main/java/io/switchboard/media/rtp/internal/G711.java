package io.switchboard.media.rtp.internal;

/** ITU-T G.711 µ-law and A-law expanded to 16-bit linear PCM, a table each (as in the ITU's reference g711.c). */
final class G711 {

    static final short[] ULAW = new short[256];
    static final short[] ALAW = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
            ULAW[i] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
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
}
