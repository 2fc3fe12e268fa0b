package io.switchboard.kpi.api;

import java.util.List;

/**
 * One scope key's buckets over the window, every bucket present (empty ones with zero attempts).
 *
 * @param key the trunk, DID, user or destination; empty for {@link Scope#ALL}
 * @param buckets in time order
 * @param total the whole window as one bucket (peaks are the highest bucket's)
 */
public record KpiSeries(String key, List<KpiBucket> buckets, Kpis total) {

    public KpiSeries {
        buckets = List.copyOf(buckets);
    }
}
