package io.switchboard.kpi.api;

import java.util.List;

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

    /** @return the account's own dashboards, those others share, and the built-in ones */
    List<Dashboard> dashboards(String account);

    /**
     * Saves a dashboard of its owner, replacing the one of that name.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    Dashboard saveDashboard(Dashboard dashboard);

    /** @return whether the owner had a dashboard of that name */
    boolean deleteDashboard(String owner, String name);
}
