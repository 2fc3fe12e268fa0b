package io.switchboard.kpi.core.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import io.switchboard.kpi.api.QueueKpis;

/**
 * A queue's sums in one bucket, beside the cell's: outcomes, and the waits by whole second (to ten minutes, longer
 * ones in a last bin of their own), so that the service level and the short abandons are counted at read time by
 * whatever thresholds the queues have then. Merges by adding, the longest waits by taking the larger. Not thread-safe.
 */
final class QueueSums {

    /** The last bin of the waits: more than ten minutes (the bins before it are whole seconds, 0 to 600). */
    static final int LAST_BIN = 601;
    private static final int FORMAT = 1;

    /** What one caller's record adds: its outcome as the queue tagged it, the wait, and the talk after it. */
    record Caller(String outcome, long waitSeconds, long handleSeconds) {
    }

    long answered;
    long abandoned;
    long overflowed;
    long callbacks;
    long handleSeconds;
    long answeredWaitSum;
    long abandonedWaitSum;
    long answeredWaitMax;
    long abandonedWaitMax;
    final int[] answeredWaits = new int[LAST_BIN + 1];
    final int[] abandonedWaits = new int[LAST_BIN + 1];

    void add(Caller c) {
        switch (c.outcome()) {
            case "answered" -> {
                answered++;
                answeredWaitSum += c.waitSeconds();
                answeredWaitMax = Math.max(answeredWaitMax, c.waitSeconds());
                answeredWaits[bin(c.waitSeconds())]++;
                handleSeconds += c.handleSeconds();
            }
            case "overflowed" -> overflowed++;
            case "callback" -> callbacks++;
            default -> {
                abandoned++;
                abandonedWaitSum += c.waitSeconds();
                abandonedWaitMax = Math.max(abandonedWaitMax, c.waitSeconds());
                abandonedWaits[bin(c.waitSeconds())]++;
            }
        }
    }

    void merge(QueueSums o) {
        answered += o.answered;
        abandoned += o.abandoned;
        overflowed += o.overflowed;
        callbacks += o.callbacks;
        handleSeconds += o.handleSeconds;
        answeredWaitSum += o.answeredWaitSum;
        abandonedWaitSum += o.abandonedWaitSum;
        answeredWaitMax = Math.max(answeredWaitMax, o.answeredWaitMax);
        abandonedWaitMax = Math.max(abandonedWaitMax, o.abandonedWaitMax);
        for (int i = 0; i <= LAST_BIN; i++) {
            answeredWaits[i] += o.answeredWaits[i];
            abandonedWaits[i] += o.abandonedWaits[i];
        }
    }

    /**
     * The figures as the queue's report counts them: answered within {@code serviceLevelSeconds} over the answered
     * plus the abandoned, abandons under {@code shortAbandonSeconds} apart; the waits of those two.
     */
    static QueueKpis kpis(QueueSums s, long offered, int serviceLevelSeconds, int shortAbandonSeconds) {
        QueueSums q = s == null ? new QueueSums() : s;
        long inTarget = 0;
        for (int i = 0; i <= Math.min(serviceLevelSeconds, LAST_BIN - 1); i++) {
            inTarget += q.answeredWaits[i];
        }
        long shortOnes = 0;
        long shortWaits = 0;
        for (int i = 0; i < Math.min(shortAbandonSeconds, LAST_BIN - 1); i++) {
            shortOnes += q.abandonedWaits[i];
            shortWaits += (long) i * q.abandonedWaits[i];
        }
        long abandoned = q.abandoned - shortOnes;
        long waited = q.answered + abandoned;
        long longest = Math.max(q.answeredWaitMax, q.abandonedWaitMax >= shortAbandonSeconds ? q.abandonedWaitMax : 0);
        return new QueueKpis(offered, q.answered, inTarget, waited == 0 ? null : KpiMath.round(100.0 * inTarget
                / waited), abandoned, shortOnes, q.overflowed, q.callbacks, waited == 0 ? null : KpiMath.round(
                        (q.answeredWaitSum + q.abandonedWaitSum - shortWaits) / (double) waited), longest,
                q.answered == 0 ? null : KpiMath.round(q.handleSeconds / (double) q.answered), serviceLevelSeconds,
                shortAbandonSeconds);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (long v : new long[] { FORMAT, answered, abandoned, overflowed, callbacks, handleSeconds, answeredWaitSum,
                abandonedWaitSum, answeredWaitMax, abandonedWaitMax }) {
            varint(out, v);
        }
        bins(out, answeredWaits);
        bins(out, abandonedWaits);
        return out.toByteArray();
    }

    /** @return the sums of a row, or null for a row without (a scope that is no queue's) */
    static QueueSums decode(byte[] b) {
        if (b == null || b.length == 0) {
            return null;
        }
        int[] pos = { 0 };
        if (readVarint(b, pos) != FORMAT) {
            throw new IllegalStateException("A queue's KPI sums in a format this server does not know");
        }
        QueueSums s = new QueueSums();
        s.answered = readVarint(b, pos);
        s.abandoned = readVarint(b, pos);
        s.overflowed = readVarint(b, pos);
        s.callbacks = readVarint(b, pos);
        s.handleSeconds = readVarint(b, pos);
        s.answeredWaitSum = readVarint(b, pos);
        s.abandonedWaitSum = readVarint(b, pos);
        s.answeredWaitMax = readVarint(b, pos);
        s.abandonedWaitMax = readVarint(b, pos);
        readBins(b, pos, s.answeredWaits);
        readBins(b, pos, s.abandonedWaits);
        return s;
    }

    private static int bin(long waitSeconds) {
        return (int) Math.max(0, Math.min(waitSeconds, LAST_BIN));
    }

    /** The bins as the KPIs' histograms are kept ({@link Histogram#encode}), after their length in bytes. */
    private static void bins(ByteArrayOutputStream out, int[] counts) {
        byte[] sparse = Histogram.encode(counts);
        varint(out, sparse.length);
        out.writeBytes(sparse);
    }

    private static void readBins(byte[] b, int[] pos, int[] into) {
        int length = (int) readVarint(b, pos);
        Histogram.addTo(Arrays.copyOfRange(b, pos[0], pos[0] + length), into);
        pos[0] += length;
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("A varint longer than 64 bits");
    }
}
