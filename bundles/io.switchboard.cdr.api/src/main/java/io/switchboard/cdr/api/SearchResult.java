package io.switchboard.cdr.api;

import java.util.List;
import java.util.Map;

/**
 * @param total how many records match
 * @param records the requested page
 * @param facets for each requested facet field, its values and how many matching records have each
 */
public record SearchResult(long total, List<CallRecord> records, Map<String, Map<String, Long>> facets) {

    public SearchResult {
        records = List.copyOf(records);
        facets = Map.copyOf(facets);
    }
}
