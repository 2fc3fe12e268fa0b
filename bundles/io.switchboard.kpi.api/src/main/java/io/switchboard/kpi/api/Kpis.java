package io.switchboard.kpi.api;

/**
 * The KPIs of one bucket or window. Ratios and means are {@code null} when there is nothing to
 * divide by (no attempts, no answered call, no measured call); docs/kpi.md defines each.
 *
 * @param attempts calls attempted (every record)
 * @param answered calls answered
 * @param asr answer-seizure ratio in percent: answered / attempts (ITU-T E.411)
 * @param acdSeconds average call duration of answered calls, billable seconds
 * @param ner network effectiveness ratio in percent: calls answered, busy, unanswered after ringing
 *            or rejected by the called user, over attempts (ITU-T E.411)
 * @param pddMedianMs post-dial delay (first ring, else answer, after the INVITE), median
 * @param pddP95Ms post-dial delay, 95th percentile
 * @param measured answered calls with a measured MOS
 * @param mosMean mean of each measured call's worse direction
 * @param mosP5 5th percentile of the same: the bad calls' level
 * @param jitterMs mean of each measured call's worse direction's jitter
 * @param lossPercent mean of each measured call's worse direction's packet loss
 * @param peakConcurrent most calls in progress at one second of the bucket; null for users and DIDs,
 *            whose calls are counted from hourly buckets up
 * @param peakCps most calls started in one second of the bucket; null for users and DIDs
 * @param queue a queue's figures, for the queue scope; null for the others (since 1.1)
 */
public record Kpis(long attempts, long answered, Double asr, Double acdSeconds, Double ner, Long pddMedianMs,
        Long pddP95Ms, long measured, Double mosMean, Double mosP5, Double jitterMs, Double lossPercent,
        Long peakConcurrent, Long peakCps, QueueKpis queue) {

    /** The KPIs of a scope without a queue's figures. */
    public Kpis(long attempts, long answered, Double asr, Double acdSeconds, Double ner, Long pddMedianMs,
            Long pddP95Ms, long measured, Double mosMean, Double mosP5, Double jitterMs, Double lossPercent,
            Long peakConcurrent, Long peakCps) {
        this(attempts, answered, asr, acdSeconds, ner, pddMedianMs, pddP95Ms, measured, mosMean, mosP5, jitterMs,
                lossPercent, peakConcurrent, peakCps, null);
    }

    /**
     * @param name attempts, answered, asr, ner, acd, pdd (the median), pdd95, mos, mos5, jitter, loss,
     *            peakConcurrent or peakCps, as rules and widgets name them; or a queue's (since 1.1): serviceLevel,
     *            agentAnswered, abandoned, shortAbandoned, overflowed, callbacks, averageWait, longestWait or
     *            averageHandle
     * @return that figure, or null when there is none (a queue's figure outside the queue scope)
     * @throws IllegalArgumentException for another name
     */
    public Double value(String name) {
        return switch (name) {
            case "attempts" -> (double) attempts;
            case "answered" -> (double) answered;
            case "asr" -> asr;
            case "ner" -> ner;
            case "acd" -> acdSeconds;
            case "pdd" -> pddMedianMs == null ? null : pddMedianMs.doubleValue();
            case "pdd95" -> pddP95Ms == null ? null : pddP95Ms.doubleValue();
            case "mos" -> mosMean;
            case "mos5" -> mosP5;
            case "jitter" -> jitterMs;
            case "loss" -> lossPercent;
            case "peakConcurrent" -> peakConcurrent == null ? null : peakConcurrent.doubleValue();
            case "peakCps" -> peakCps == null ? null : peakCps.doubleValue();
            default -> {
                if (!QueueKpis.NAMES.contains(name)) {
                    throw new IllegalArgumentException("Unknown KPI '" + name + "'");
                }
                yield queue == null ? null : queue.value(name);
            }
        };
    }
}
