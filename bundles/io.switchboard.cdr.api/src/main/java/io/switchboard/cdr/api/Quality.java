package io.switchboard.cdr.api;

/**
 * Media quality of one direction of a call, as measured by RTCP or the importing system. Absent
 * measures are {@code null}.
 *
 * @param mos mean opinion score, 1.0 to 5.0
 * @param jitterMs interarrival jitter in milliseconds
 * @param lossPercent lost packets in percent, 0 to 100
 * @param rttMs round-trip time in milliseconds
 */
public record Quality(Double mos, Double jitterMs, Double lossPercent, Double rttMs) {

    /** No measures at all. */
    public static final Quality NONE = new Quality(null, null, null, null);
}
