package io.switchboard.kpi.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Call-quality KPIs, kept up to date as records are stored (imported ones included) in rollups
 * that are derived from the records and can always be rebuilt from them. Implemented by
 * {@code io.switchboard.kpi.core}. Thread-safe.
 */
@ProviderType
public interface KpiService {

    /** @throws IllegalArgumentException for a window of more buckets than one answer holds */
    KpiReport query(KpiQuery query);

    /** Rebuilds every rollup from the records in the database; @return records counted */
    long rebuild();

    KpiStatus status();
}
