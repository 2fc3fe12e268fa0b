package io.switchboard.kpi.core.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Where the day holding an instant starts in a zone, remembering the last day asked for: records
 * come roughly in time order, so nearly every question is answered from it. Not thread-safe.
 */
final class Days {

    private final ZoneId zone;
    private long start = 1;
    private long end = 0;

    Days(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** @return the start of the day holding {@code epochSecond}, epoch seconds */
    long startOf(long epochSecond) {
        if (epochSecond < start || epochSecond >= end) {
            ZonedDateTime day = Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate().atStartOfDay(zone);
            start = day.toEpochSecond();
            end = day.plusDays(1).toEpochSecond();
        }
        return start;
    }
}
