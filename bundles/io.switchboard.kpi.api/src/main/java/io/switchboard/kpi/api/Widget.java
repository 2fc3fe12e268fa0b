package io.switchboard.kpi.api;

import java.util.Map;

/**
 * One widget of a dashboard: what it shows and how. The console draws the built-in types and asks
 * dashboard-widget plugins for the others.
 *
 * @param type timeseries, bars, gauge, top, trunk-matrix, or a plugin's type
 * @param title its heading
 * @param kpi attempts, asr, ner, acd, pdd, pdd95, mos, mos5, jitter, loss, peakConcurrent or peakCps
 * @param scope what it is about
 * @param key one trunk, DID, user or destination; null for the busiest keys
 * @param granularity the buckets of a time series
 * @param limit how many keys at most
 * @param options anything else the type reads (a gauge's {@code min}, {@code max}, {@code warn})
 */
public record Widget(String type, String title, String kpi, Scope scope, String key, Granularity granularity,
        int limit, Map<String, String> options) {

    public Widget {
        scope = scope == null ? Scope.ALL : scope;
        granularity = granularity == null ? Granularity.HOUR : granularity;
        limit = limit <= 0 ? 5 : Math.min(limit, 50);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
