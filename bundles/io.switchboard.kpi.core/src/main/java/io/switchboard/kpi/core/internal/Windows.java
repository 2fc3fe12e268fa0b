package io.switchboard.kpi.core.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.switchboard.kpi.api.Granularity;

/**
 * The buckets of a window in a zone, and which rollup can fill them: the 5-minute and hourly rollups
 * are UTC-aligned, the daily one follows the server's zone. Hours of a zone whose offset is not a
 * whole hour (India, Nepal) are summed from 5-minute rollups; days of another zone than the server's
 * from hourly ones, or 5-minute ones when they must.
 *
 * @param starts each bucket's start, epoch seconds, and last the window's end
 * @param source the rollup that fills them
 */
record Windows(long[] starts, String source) {

    /** More buckets than this in one answer is a mistake of the asker (a year of 5-minute buckets). */
    static final int MAX_BUCKETS = 20_000;

    static Windows of(Granularity g, Instant from, Instant to, ZoneId zone, ZoneId serverZone) {
        List<Long> starts = new ArrayList<>();
        ZonedDateTime t = first(g, from.atZone(zone));
        boolean hourAligned = true;
        while (true) {
            long s = t.toEpochSecond();
            starts.add(s);
            hourAligned &= Math.floorMod(s, 3600) == 0;
            if (!t.toInstant().isBefore(to)) {
                break;
            }
            if (starts.size() > MAX_BUCKETS) {
                throw new IllegalArgumentException("The window holds more than " + MAX_BUCKETS + " buckets of "
                        + g.id() + ": choose a shorter window or larger buckets");
            }
            t = next(g, t);
        }
        if (starts.size() == 1) {
            starts.add(next(g, t).toEpochSecond());
        }
        String source = switch (g) {
            case FIVE_MINUTES -> RollupTable.M5;
            case HOUR -> hourAligned ? RollupTable.H1 : RollupTable.M5;
            case DAY -> zone.getRules().equals(serverZone.getRules()) ? RollupTable.D1
                    : hourAligned ? RollupTable.H1 : RollupTable.M5;
        };
        return new Windows(starts.stream().mapToLong(Long::longValue).toArray(), source);
    }

    /** @return whether each bucket is one rollup row per key (hours from the hourly rollup, ...) */
    boolean direct(Granularity g) {
        return source.equals(switch (g) {
            case FIVE_MINUTES -> RollupTable.M5;
            case HOUR -> RollupTable.H1;
            case DAY -> RollupTable.D1;
        });
    }

    int buckets() {
        return starts.length - 1;
    }

    long from() {
        return starts[0];
    }

    long to() {
        return starts[starts.length - 1];
    }

    /** @return the bucket holding a rollup row's start, or -1 outside the window */
    int indexOf(long start) {
        int i = Arrays.binarySearch(starts, start);
        int bucket = i >= 0 ? i : -i - 2;
        return bucket < 0 || bucket >= buckets() ? -1 : bucket;
    }

    private static ZonedDateTime first(Granularity g, ZonedDateTime t) {
        return switch (g) {
            case FIVE_MINUTES -> t.truncatedTo(ChronoUnit.MINUTES).minusMinutes(t.getMinute() % 5);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.toLocalDate().atStartOfDay(t.getZone());
        };
    }

    private static ZonedDateTime next(Granularity g, ZonedDateTime t) {
        return switch (g) {
            case FIVE_MINUTES -> t.plusMinutes(5);
            case HOUR -> t.plusHours(1).truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.toLocalDate().plusDays(1).atStartOfDay(t.getZone());
        };
    }
}
