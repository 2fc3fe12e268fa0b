package io.switchboard.cdr.api;

import java.util.List;

/**
 * A call-record search.
 *
 * @param query the admin's query, Lucene-style: {@code callee:+4420* AND disposition:failed AND
 *            start:[2026-11-01 TO 2026-11-02]}; empty or {@code *} for all
 * @param sort field to sort by ({@code start} and any numeric field); null for newest first
 * @param descending sort order
 * @param offset records to skip, for paging
 * @param limit records to return, 0 to 1000
 * @param facets fields to count values of for the same query: trunk, disposition, sipCode, hour
 */
public record CdrQuery(String query, String sort, boolean descending, int offset, int limit, List<String> facets) {

    public CdrQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (limit < 0 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 0 and 1000: " + limit);
        }
        facets = facets == null ? List.of() : List.copyOf(facets);
    }

    /** @return the first page (50, newest first) of a query */
    public static CdrQuery of(String query) {
        return new CdrQuery(query, null, true, 0, 50, List.of());
    }
}
