package io.switchboard.kpi.core.internal;

import io.switchboard.kpi.api.Kpis;
import io.switchboard.kpi.api.Scope;

/** The KPIs of a cell's sums: the definitions of docs/kpi.md. */
final class KpiMath {

    private KpiMath() {
    }

    /**
     * How a query's cells become KPIs.
     *
     * @param peaks whether the scope keeps peaks
     * @param queue whether it is a queue's, with the thresholds its figures are counted by
     */
    record Shape(boolean peaks, boolean queue, int serviceLevelSeconds, int shortAbandonSeconds) {

        static Shape of(Scope scope, KpiReader.Context context) {
            return new Shape(scope.fine(), scope == Scope.QUEUE, context.serviceLevelSeconds(),
                    context.shortAbandonSeconds());
        }
    }

    /** @param peaks whether the cell's scope keeps peaks */
    static Kpis of(Cell c, boolean peaks) {
        return of(c, new Shape(peaks, false, 0, 0));
    }

    static Kpis of(Cell c, Shape shape) {
        boolean peaks = shape.peaks();
        int[] pdd = c.pddQuantiles(0.5, 0.95);
        int pddMedian = pdd[0];
        int pdd95 = pdd[1];
        int mos5 = c.mosQuantiles(0.05)[0];
        return new Kpis(c.attempts, c.answered, percent(c.answered, c.attempts),
                c.answered == 0 ? null : round(c.billable / (double) c.answered), percent(c.effective, c.attempts),
                pddMedian < 0 ? null : Histogram.pddValue(pddMedian), pdd95 < 0 ? null : Histogram.pddValue(pdd95),
                c.measured, c.measured == 0 ? null : mean(c.mosMicros, c.measured),
                mos5 < 0 ? null : Histogram.mosValue(mos5),
                c.jitterCount == 0 ? null : mean(c.jitterMicros, c.jitterCount),
                c.lossCount == 0 ? null : mean(c.lossMicros, c.lossCount), peaks ? Long.valueOf(c.peakConcurrent) : null,
                peaks ? Long.valueOf(c.peakCps) : null, shape.queue() ? QueueSums.kpis(c.queue, c.attempts,
                        shape.serviceLevelSeconds(), shape.shortAbandonSeconds()) : null);
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole);
    }

    /** The mean of a sum in millionths, to two decimals, rounded from one division so that a half rounds up. */
    static double mean(long micros, long count) {
        return Math.round(micros / (count * 10_000.0)) / 100.0;
    }

    /** Two decimals: the figures are for people, and JSON stays short. */
    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
