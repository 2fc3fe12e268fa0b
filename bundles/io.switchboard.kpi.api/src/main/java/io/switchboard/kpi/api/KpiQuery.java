package io.switchboard.kpi.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What to read.
 *
 * @param scope what the series are about
 * @param key one trunk, DID, user or destination; null for every key that has calls in the window
 *            (the busiest first, up to {@code limit})
 * @param granularity the buckets' size
 * @param from the window's start, rounded down to a bucket's start in {@code zone}
 * @param to the window's end (exclusive), rounded up to a bucket's end
 * @param zone the zone buckets follow; null for the server's
 * @param limit most series returned, 1 to 1000
 */
public record KpiQuery(Scope scope, String key, Granularity granularity, Instant from, Instant to, ZoneId zone,
        int limit) {

    public KpiQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("The window ends (" + to + ") before it starts (" + from + ")");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000: " + limit);
        }
        if (scope == Scope.ALL) {
            key = "";
        }
    }
}
