package io.switchboard.mgmt.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

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

    /**
     * @return the record's SIP ladder, or empty when none was kept (an imported record, a ladder past retention)
     * @since 1.23
     */
    public Optional<CallLadder> ladder(String id) throws ManagementException {
        Optional<byte[]> json = attachment(id, "ladder");
        return json.isEmpty() ? Optional.empty() : Optional.of(ApiCalls.read(json.get(), CallLadder.class));
    }

    /**
     * @param name the attachment: {@code ladder}, {@code ladder.pcap}, {@code recording}, or a plugin's
     * @return what the server keeps for the record under that name, or empty when it keeps nothing
     * @since 1.23
     */
    public Optional<byte[]> attachment(String id, String name) throws ManagementException {
        try (InputStream in = api.stream("cdr/records/" + ApiCalls.path(id) + "/" + ApiCalls.path(name))) {
            return Optional.of(in.readAllBytes());
        } catch (ManagementException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new ManagementException("Cannot read the " + name + " of call record " + id + ": " + e.getMessage(),
                    0, e);
        }
    }

    /** @return every record matching the query, streamed in the format (csv, json); the caller closes it */
    public InputStream export(String query, String format) throws ManagementException {
        return export(query, null, true, format);
    }

    /**
     * @param sort a sort field as {@link #search} takes it, or null for the newest first
     * @return every record matching the query in that order, streamed in the format; the caller closes it
     * @since 1.23
     */
    public InputStream export(String query, String sort, boolean descending, String format)
            throws ManagementException {
        return api.stream("cdr/export?format=" + ApiCalls.query(format)
                + (query == null || query.isBlank() ? "" : "&q=" + ApiCalls.query(query))
                + (sort == null || sort.isBlank() ? "" : "&sort=" + ApiCalls.query(sort))
                + "&order=" + (descending ? "desc" : "asc"));
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
