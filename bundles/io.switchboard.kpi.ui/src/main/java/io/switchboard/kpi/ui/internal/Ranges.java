package io.switchboard.kpi.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import io.switchboard.kpi.api.Granularity;

/**
 * Where a dashboard's range starts for a widget: on a bucket's start, as many buckets back as the
 * range holds, the one under way included. "Last 7 days" in days is today and the six days before
 * it; from seven times 24 hours before now it was eight buckets, the first a part of a day.
 */
final class Ranges {

    private Ranges() {
    }

    static Instant from(Instant to, Duration range, Granularity granularity, ZoneId zone) {
        ZonedDateTime now = to.atZone(zone);
        return switch (granularity) {
            case DAY -> now.toLocalDate().atStartOfDay(zone).minusDays(Math.max(1, range.toDays()) - 1).toInstant();
            case HOUR -> back(now.truncatedTo(ChronoUnit.HOURS), range, granularity);
            case FIVE_MINUTES -> back(now.truncatedTo(ChronoUnit.MINUTES).minusMinutes(now.getMinute() % 5), range,
                    granularity);
        };
    }

    private static Instant back(ZonedDateTime current, Duration range, Granularity granularity) {
        long buckets = Math.max(1, range.dividedBy(granularity.nominal()));
        return current.toInstant().minus(granularity.nominal().multipliedBy(buckets - 1));
    }
}
