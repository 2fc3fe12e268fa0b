package io.switchboard.mgmt.client;

import java.io.InputStream;
import java.util.List;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrStatus;
import io.switchboard.cdr.api.SavedSearch;
import io.switchboard.cdr.api.SearchResult;

/**
 * The call records' resources of the management API ({@code /cdr/*}), typed with the records of
 * {@code io.switchboard.cdr.api}. Blocks like {@link ManagementClient}: call it from a job.
 */
public final class CdrClient {

    /** What a demo load stored. */
    public record DemoReport(long stored, long duplicates) {
    }

    private final ManagementClient api;

    public CdrClient(ManagementClient api) {
        this.api = api;
    }

    /**
     * One page of a search.
     *
     * @param query the admin query language ("callee:+4420* AND disposition:failed"), blank for all
     * @param sort a sort field (start, duration, sipCode, mos, ...), or null for the newest first
     * @param facets facet fields to count over the whole result (trunk, disposition, sipCode, hour)
     */
    public SearchResult search(String query, String sort, boolean descending, int offset, int limit,
            List<String> facets) throws ManagementException {
        StringBuilder q = new StringBuilder("cdr/records?offset=").append(offset).append("&limit=").append(limit)
                .append("&order=").append(descending ? "desc" : "asc");
        if (query != null && !query.isBlank()) {
            q.append("&q=").append(ApiCalls.query(query));
        }
        if (sort != null && !sort.isBlank()) {
            q.append("&sort=").append(ApiCalls.query(sort));
        }
        facets.forEach(f -> q.append("&facet=").append(ApiCalls.query(f)));
        return ApiCalls.read(api.get(q.toString()), SearchResult.class);
    }

    public CallRecord record(String id) throws ManagementException {
        return ApiCalls.read(api.get("cdr/records/" + ApiCalls.path(id)), CallRecord.class);
    }

    /** @return every record matching the query, streamed in the format (csv, json); the caller closes it */
    public InputStream export(String query, String format) throws ManagementException {
        return api.stream("cdr/export?format=" + ApiCalls.query(format)
                + (query == null || query.isBlank() ? "" : "&q=" + ApiCalls.query(query)));
    }

    public CdrStatus status() throws ManagementException {
        return ApiCalls.read(api.get("cdr/status"), CdrStatus.class);
    }

    public List<SavedSearch> savedSearches() throws ManagementException {
        return ApiCalls.list(api.get("cdr/saved-searches"), SavedSearch.class);
    }

    /** Saves a search under its name; the server refuses a query that would not run. */
    public SavedSearch saveSearch(SavedSearch search) throws ManagementException {
        return ApiCalls.read(ApiCalls.put(api, "cdr/saved-searches/" + ApiCalls.path(search.name()), search),
                SavedSearch.class);
    }

    public boolean deleteSavedSearch(String name) throws ManagementException {
        return ApiCalls.delete(api, "cdr/saved-searches/" + ApiCalls.path(name));
    }

    /** Stores synthetic records over the days before today, for a demo or a test. */
    public DemoReport demo(int count, int days) throws ManagementException {
        return ApiCalls.read(ApiCalls.send(api, "POST", "cdr/demo?count=" + count + "&days=" + days, null),
                DemoReport.class);
    }
}
