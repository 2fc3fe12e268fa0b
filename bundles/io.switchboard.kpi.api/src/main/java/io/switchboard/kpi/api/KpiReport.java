package io.switchboard.kpi.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer to a {@link KpiQuery}.
 *
 * @param zone the zone the buckets follow, always named
 * @param scope what the series are about
 * @param granularity the buckets' size
 * @param from the window's start as rounded
 * @param to the window's end as rounded (exclusive)
 * @param series one per key, the busiest first
 * @param notes why figures are missing, when they are: no calls in the window, no quality measured
 *            because the media relay is off, the window outside the retention, a rebuild running
 */
public record KpiReport(String zone, Scope scope, Granularity granularity, OffsetDateTime from, OffsetDateTime to,
        List<KpiSeries> series, List<String> notes) {

    public KpiReport {
        series = List.copyOf(series);
        notes = List.copyOf(notes);
    }
}
