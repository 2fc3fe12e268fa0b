package io.switchboard.kpi.core.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Fixed bins for the two percentile KPIs, so that buckets merge by adding counts. Post-dial delay:
 * 50 ms bins to 10 s, 1 s bins to 60 s, one bin beyond. MOS: 0.05 bins from 1.0 to 5.0. A
 * percentile is the middle of its bin: within 25 ms (PDD under 10 s) or 0.025 (MOS) of the exact one.
 * Stored sparse: varint pairs of (bin distance from the last bin, count).
 */
final class Histogram {

    static final int PDD_BINS = 251;
    static final int MOS_BINS = 81;

    private Histogram() {
    }

    static int pddBin(long ms) {
        if (ms < 10_000) {
            return (int) (Math.max(0, ms) / 50);
        }
        return ms < 60_000 ? 200 + (int) ((ms - 10_000) / 1000) : 250;
    }

    /** @return the middle of a PDD bin, in ms */
    static long pddValue(int bin) {
        if (bin < 200) {
            return bin * 50L + 25;
        }
        return bin < 250 ? 10_000 + (bin - 200) * 1000L + 500 : 60_000;
    }

    static int mosBin(double mos) {
        return (int) Math.max(0, Math.min(MOS_BINS - 1, Math.floor((mos - 1.0) / 0.05 + 1e-9)));
    }

    static double mosValue(int bin) {
        return Math.round((1.0 + bin * 0.05 + 0.025) * 1000) / 1000.0;
    }

    /** @return the bin holding the q-quantile (0..1) of the counts, or -1 when they are all 0 */
    static int quantileBin(int[] counts, double q) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        // the nearest-rank definition: the smallest value with at least q of the counts at or below it
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i;
            }
        }
        return counts.length - 1;
    }

    /**
     * The bins of several quantiles at once, on the stored form, in one pass that stops at the last
     * one: a bucket read once is never unpacked.
     *
     * @param total the count the bins hold (the cell keeps it), so that no pass is spent summing them
     * @param qs quantiles in rising order
     * @return each quantile's bin, -1 when there are no counts
     */
    static int[] quantileBins(byte[] encoded, long total, double... qs) {
        int[] bins = new int[qs.length];
        Arrays.fill(bins, -1);
        if (encoded == null || total <= 0) {
            return bins;
        }
        int[] pos = { 0 };
        long seen = 0;
        int bin = 0;
        int next = 0;
        while (pos[0] < encoded.length && next < qs.length) {
            bin += readVarint(encoded, pos);
            seen += readVarint(encoded, pos);
            while (next < qs.length && seen >= Math.max(1, (long) Math.ceil(qs[next] * total))) {
                bins[next++] = bin;
            }
        }
        while (next < qs.length) {
            bins[next++] = bin;
        }
        return bins;
    }

    static byte[] encode(int[] counts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        int last = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                varint(out, i - last);
                varint(out, counts[i]);
                last = i;
            }
        }
        return out.toByteArray();
    }

    /** Adds the encoded counts to {@code into}. */
    static void addTo(byte[] encoded, int[] into) {
        if (encoded == null) {
            return;
        }
        int[] pos = { 0 };
        int bin = 0;
        while (pos[0] < encoded.length) {
            bin += readVarint(encoded, pos);
            into[bin] += readVarint(encoded, pos);
        }
    }

    static void varint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    static int readVarint(byte[] b, int[] pos) {
        int v = 0;
        int shift = 0;
        while (true) {
            int x = b[pos[0]++];
            v |= (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }
}
