package io.switchboard.kpi.core.internal;

import java.io.ByteArrayOutputStream;

/**
 * The sums of one bucket and scope key, from which its KPIs follow: what a rollup row holds.
 * Everything in it merges by adding, but for the peaks, which merge by taking the larger. A
 * 5-minute cell also keeps calls started and calls in progress per second, from which its peaks
 * are read; longer buckets keep the highest of their 5-minute peaks. Not thread-safe.
 */
final class Cell {

    static final int SECONDS = 300;

    long attempts;
    long answered;
    long effective;
    long billable;
    long pddCount;
    int[] pdd;
    /** As read from a row, until the counts are needed as an array (a bucket read once is never unpacked) */
    byte[] pddRow;
    long measured;
    /** The sums of MOS, jitter and loss are kept in millionths: a long adds up the same in any order, a double not */
    long mosMicros;
    int[] mos;
    byte[] mosRow;
    long jitterCount;
    long jitterMicros;
    long lossCount;
    long lossMicros;
    int peakConcurrent;
    int peakCps;
    /** 5-minute cells: calls started in each second */
    int[] starts;
    /** 5-minute cells: calls in progress in each second, as differences until {@link #settle()} */
    int[] concurrent;
    private boolean differences;
    /** A queue's sums, for the queue scope; null for the others. */
    QueueSums queue;

    void add(Facts f) {
        attempts++;
        if (f.answered()) {
            answered++;
            billable += f.billable();
        }
        if (f.effective()) {
            effective++;
        }
        if (f.pddMs() >= 0) {
            pddCount++;
            pdd()[Histogram.pddBin(f.pddMs())]++;
        }
        if (!Double.isNaN(f.mos())) {
            measured++;
            mosMicros += micros(f.mos());
            mos()[Histogram.mosBin(f.mos())]++;
            if (!Double.isNaN(f.jitterMs())) {
                jitterCount++;
                jitterMicros += micros(f.jitterMs());
            }
            if (!Double.isNaN(f.lossPercent())) {
                lossCount++;
                lossMicros += micros(f.lossPercent());
            }
        }
    }

    /** A queue's caller, for a cell of the queue scope. */
    void add(QueueSums.Caller caller) {
        if (queue == null) {
            queue = new QueueSums();
        }
        queue.add(caller);
    }

    /** A 5-minute cell: the call started in it. */
    void started(int second) {
        if (starts == null) {
            starts = new int[SECONDS];
        }
        starts[second]++;
    }

    /** A 5-minute cell: the call was in progress from second {@code from} to {@code to}, exclusive. */
    void inProgress(int from, int to) {
        if (concurrent == null) {
            concurrent = new int[SECONDS + 1];
        }
        differences = true;
        concurrent[from]++;
        concurrent[to]--;
    }

    /** Turns the in-progress differences into counts and reads the peaks from the per-second figures. */
    void settle() {
        if (differences) {
            int running = 0;
            for (int i = 0; i < SECONDS; i++) {
                running += concurrent[i];
                concurrent[i] = running;
            }
            concurrent[SECONDS] = 0;
            differences = false;
        }
        peakCps = Math.max(peakCps, max(starts));
        peakConcurrent = Math.max(peakConcurrent, max(concurrent));
    }

    /** Adds another cell of the same bucket; both settled. */
    void merge(Cell o) {
        if (o.queue != null) {
            if (queue == null) {
                queue = new QueueSums();
            }
            queue.merge(o.queue);
        }
        attempts += o.attempts;
        answered += o.answered;
        effective += o.effective;
        billable += o.billable;
        pddCount += o.pddCount;
        if (o.pdd != null) {
            addAll(pdd(), o.pdd);
        } else if (o.pddRow != null) {
            Histogram.addTo(o.pddRow, pdd());
        }
        measured += o.measured;
        mosMicros += o.mosMicros;
        if (o.mos != null) {
            addAll(mos(), o.mos);
        } else if (o.mosRow != null) {
            Histogram.addTo(o.mosRow, mos());
        }
        jitterCount += o.jitterCount;
        jitterMicros += o.jitterMicros;
        lossCount += o.lossCount;
        lossMicros += o.lossMicros;
        if (o.starts != null) {
            if (starts == null) {
                starts = new int[SECONDS];
            }
            addAll(starts, o.starts);
        }
        if (o.concurrent != null) {
            if (concurrent == null) {
                concurrent = new int[SECONDS + 1];
            }
            addAll(concurrent, o.concurrent);
        }
        if (o.starts != null || o.concurrent != null) {
            peakCps = 0;
            peakConcurrent = 0;
            settle(); // per-second figures added up: the peak is the sum's, not the larger of two
        }
        peakCps = Math.max(peakCps, o.peakCps);
        peakConcurrent = Math.max(peakConcurrent, o.peakConcurrent);
    }

    /** Takes the higher of its peaks and another bucket's (a longer bucket's peaks from its 5-minute ones). */
    void peaks(Cell o) {
        peakCps = Math.max(peakCps, o.peakCps);
        peakConcurrent = Math.max(peakConcurrent, o.peakConcurrent);
    }

    int[] pdd() {
        if (pdd == null) {
            pdd = new int[Histogram.PDD_BINS];
            Histogram.addTo(pddRow, pdd);
            pddRow = null;
        }
        return pdd;
    }

    int[] mos() {
        if (mos == null) {
            mos = new int[Histogram.MOS_BINS];
            Histogram.addTo(mosRow, mos);
            mosRow = null;
        }
        return mos;
    }

    /** @return the bins of the PDD quantiles (rising), -1 without counts */
    int[] pddQuantiles(double... qs) {
        return pdd != null ? bins(pdd, qs) : Histogram.quantileBins(pddRow, pddCount, qs);
    }

    int[] mosQuantiles(double... qs) {
        return mos != null ? bins(mos, qs) : Histogram.quantileBins(mosRow, measured, qs);
    }

    private static int[] bins(int[] counts, double... qs) {
        int[] bins = new int[qs.length];
        for (int i = 0; i < qs.length; i++) {
            bins[i] = Histogram.quantileBin(counts, qs[i]);
        }
        return bins;
    }

    /** @return the per-second figures, run-length coded (value, run), or null for a longer bucket */
    byte[] encodeSeconds() {
        if (starts == null && concurrent == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        runs(out, starts);
        runs(out, concurrent);
        return out.toByteArray();
    }

    void decodeSeconds(byte[] b) {
        if (b == null || b.length == 0) {
            return;
        }
        int[] pos = { 0 };
        starts = new int[SECONDS];
        concurrent = new int[SECONDS + 1];
        readRuns(b, pos, starts);
        readRuns(b, pos, concurrent);
    }

    private static void runs(ByteArrayOutputStream out, int[] values) {
        int i = 0;
        while (i < SECONDS) {
            int v = values == null ? 0 : values[i];
            int j = i + 1;
            while (j < SECONDS && (values == null ? 0 : values[j]) == v) {
                j++;
            }
            Histogram.varint(out, v);
            Histogram.varint(out, j - i);
            i = j;
        }
    }

    private static void readRuns(byte[] b, int[] pos, int[] into) {
        int i = 0;
        while (i < SECONDS) {
            int v = Histogram.readVarint(b, pos);
            int run = Histogram.readVarint(b, pos);
            for (int k = 0; k < run; k++) {
                into[i++] = v;
            }
        }
    }

    static long micros(double value) {
        return Math.round(value * 1_000_000);
    }

    private static int max(int[] values) {
        int m = 0;
        if (values != null) {
            for (int i = 0; i < SECONDS; i++) {
                m = Math.max(m, values[i]);
            }
        }
        return m;
    }

    private static void addAll(int[] into, int[] values) {
        for (int i = 0; i < values.length; i++) {
            into[i] += values[i];
        }
    }
}
