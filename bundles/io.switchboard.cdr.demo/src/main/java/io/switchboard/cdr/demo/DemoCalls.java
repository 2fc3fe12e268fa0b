package io.switchboard.cdr.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.cdr.api.Quality;

/**
 * Generates call records that look like a small carrier's traffic: numbers from real country and
 * area patterns (reserved ranges), three trunks with different quality, a daily traffic shape
 * (quiet nights, busy office hours), dispositions and SIP codes in realistic proportions,
 * long-tailed durations, and MOS, jitter and loss that go together. Deterministic: the same seed
 * and index always give the same record, so a benchmark or test can generate rather than store
 * its input.
 */
public final class DemoCalls {

    /** Source name of generated records. */
    public static final String SOURCE = "demo";

    private static final String[][] DESTINATIONS = { // E.164 prefix, national dialled prefix, digits after prefix
            { "+44207946", "0207946", "4" }, { "+44161496", "0161496", "4" }, { "+1212555", "1212555", "4" },
            { "+1415555", "1415555", "4" }, { "+3314268", "0033014268", "4" }, { "+4930901820", "0049030901820", "2" },
            { "+61291234", "0061291234", "3" } };
    private static final String[] CALLERS = { "+1202555", "+1617555", "+1312555" };
    private static final String[] TRUNKS = { "carrier-a", "carrier-b", "carrier-c" };
    private static final double[] TRUNK_MOS = { 4.3, 4.0, 3.7 };
    private static final String[] NAMES = { "Alice Smith", "Bob Jones", "Carol White", "Dave Brown", "Erin Green",
            "Frank Black", "Grace Hall", "Heidi King" };
    private static final String[] CODECS = { "PCMA", "PCMU", "G722", "opus" };
    /** Relative traffic per UTC hour: nights quiet, office hours busy. */
    private static final double[] HOURLY = { 0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.2, 0.45, 0.8, 1.0, 1.0, 0.95,
            0.8, 0.9, 1.0, 0.95, 0.85, 0.6, 0.4, 0.3, 0.25, 0.2, 0.12, 0.08 };
    private static final double[] HOUR_CDF = cdf(HOURLY);

    private final long seed;
    private final Instant from;
    private final int days;
    /** 0: each call's time drawn at random; otherwise calls come in time order, as from a live switch */
    private final long count;

    /**
     * @param seed makes the sequence repeatable
     * @param from the first day's midnight (UTC); records spread over {@code days} days from it
     * @param days how many days the records cover, at least 1
     */
    public DemoCalls(long seed, Instant from, int days) {
        this(seed, from, days, 0);
    }

    /**
     * Calls in time order, as a switch writes them: the {@code count} calls spread over the days
     * with the same daily shape, call {@code i + 1} starting no earlier than call {@code i}.
     *
     * @param count how many calls the sequence has, at least 1
     */
    public static DemoCalls inTimeOrder(long seed, Instant from, int days, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        return new DemoCalls(seed, from, days, count);
    }

    private DemoCalls(long seed, Instant from, int days, long count) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1: " + days);
        }
        this.seed = seed;
        this.from = from;
        this.days = days;
        this.count = count;
    }

    /** @return the {@code index}-th record of this sequence */
    public CallRecord call(long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Instant start;
        if (count == 0) {
            int day = r.nextInt(days);
            int hour = pick(HOUR_CDF, r.nextDouble());
            start = from.plus(Duration.ofDays(day)).plusSeconds(hour * 3600L + r.nextInt(3600))
                    .plusMillis(r.nextInt(1000));
        } else {
            // The call's place in the sequence, through the inverse of the daily traffic shape: monotonic.
            double u = (Math.min(index, count - 1) + 0.5) / count * days;
            int day = (int) u;
            double f = u - day;
            int hour = pick(HOUR_CDF, f);
            double lo = hour == 0 ? 0 : HOUR_CDF[hour - 1];
            double inHour = Math.min(1, Math.max(0, (f - lo) / (HOUR_CDF[hour] - lo)));
            start = from.plus(Duration.ofDays(day)).plusMillis(hour * 3_600_000L + (long) (inHour * 3_599_999));
        }
        String[] dest = DESTINATIONS[r.nextInt(DESTINATIONS.length)];
        String tail = digits(r, Integer.parseInt(dest[2]));
        String calleeE164 = dest[0] + tail;
        String callee = dest[1] + tail;
        String callerE164 = CALLERS[r.nextInt(CALLERS.length)] + "01" + digits(r, 2);
        int t = r.nextInt(TRUNKS.length);
        double p = r.nextDouble();
        Disposition disposition;
        int code;
        String reason;
        if (p < 0.62) {
            disposition = Disposition.ANSWERED;
            code = 200;
            reason = "OK";
        } else if (p < 0.77) {
            disposition = Disposition.NO_ANSWER;
            code = r.nextBoolean() ? 480 : 408;
            reason = code == 480 ? "Temporarily Unavailable" : "Request Timeout";
        } else if (p < 0.85) {
            disposition = Disposition.BUSY;
            code = 486;
            reason = "Busy Here";
        } else if (p < 0.95) {
            disposition = Disposition.FAILED;
            int[] codes = { 503, 503, 404, 500, 403, 502 };
            code = codes[r.nextInt(codes.length)];
            reason = switch (code) {
                case 503 -> "Service Unavailable";
                case 404 -> "Not Found";
                case 403 -> "Forbidden";
                case 502 -> "Bad Gateway";
                default -> "Server Internal Error";
            };
        } else {
            disposition = Disposition.CANCELLED;
            code = 487;
            reason = "Request Terminated";
        }
        long pddMs = 800 + (long) (Math.abs(r.nextDouble() + r.nextDouble() - 1) * 3500);
        Instant ring = disposition == Disposition.FAILED && r.nextBoolean() ? null : start.plusMillis(pddMs);
        Instant answer = null;
        Instant end;
        long billable = 0;
        if (disposition == Disposition.ANSWERED) {
            answer = start.plusMillis(pddMs + 2000 + r.nextInt(15_000));
            // Long tail: most calls a few minutes, some an hour.
            billable = Math.max(1, (long) Math.exp(4.6 + 1.1 * gaussian(r)));
            billable = Math.min(billable, 4 * 3600);
            end = answer.plusSeconds(billable);
        } else {
            end = start.plusMillis(pddMs + (disposition == Disposition.NO_ANSWER ? 30_000 : 2000 + r.nextInt(8000)));
        }
        Quality qa = Quality.NONE;
        Quality qb = Quality.NONE;
        String codec = null;
        if (answer != null) {
            codec = CODECS[r.nextInt(CODECS.length)];
            qa = quality(r, TRUNK_MOS[t]);
            qb = quality(r, TRUNK_MOS[t] + 0.1);
        }
        HangupSide side = disposition == Disposition.CANCELLED ? HangupSide.CALLER
                : disposition == Disposition.ANSWERED ? (r.nextBoolean() ? HangupSide.CALLER : HangupSide.CALLEE)
                        : HangupSide.CALLEE;
        String id = Long.toHexString(seed) + "-" + index;
        return new CallRecord(null, SOURCE, id, List.of(id + "-a@demo.switchboard", id + "-b@demo.switchboard"),
                start, ring, answer, end, billable, callerE164.substring(2), callerE164,
                NAMES[r.nextInt(NAMES.length)], callee, calleeE164, Direction.OUTBOUND, null, TRUNKS[t], null,
                disposition, code, reason, side, codec, qa, qb, Map.of("account", "acct-" + (1 + r.nextInt(40))));
    }

    private static Quality quality(SplittableRandom r, double typicalMos) {
        boolean bad = r.nextDouble() < 0.05;
        double mos = bad ? 2.4 + r.nextDouble() * 1.1 : typicalMos + 0.15 * gaussian(r);
        mos = Math.max(1.0, Math.min(4.5, mos));
        double jitter = Math.max(0.1, (4.5 - mos) * 12 + Math.abs(gaussian(r)) * 2);
        double loss = Math.max(0, (4.4 - mos) * 1.8 + Math.abs(gaussian(r)) * 0.2);
        double rtt = 20 + Math.abs(gaussian(r)) * 40 + (bad ? 150 : 0);
        return new Quality(round(mos), round(jitter), round(loss), round(rtt));
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static double[] cdf(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] cdf = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] / total;
            cdf[i] = sum;
        }
        return cdf;
    }

    private static int pick(double[] cdf, double p) {
        for (int i = 0; i < cdf.length; i++) {
            if (p < cdf[i]) {
                return i;
            }
        }
        return cdf.length - 1;
    }
}
