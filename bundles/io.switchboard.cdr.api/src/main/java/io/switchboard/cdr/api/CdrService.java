package io.switchboard.cdr.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Call records for everyone else: the softswitch and importers hand records to it, the API and
 * shell search them. Implemented by {@code io.switchboard.cdr.core}. Thread-safe.
 *
 * <p>Records go to the database in group commits: what callers hand over within the service's
 * linger ({@code commitLingerMillis}) is committed in one transaction. {@link #submit} returns at
 * once and tells the caller when its records are durable; {@link #store} waits for that. A stored
 * record is searchable within a second.
 */
@ProviderType
public interface CdrService {

    /** Stores the records and returns once they are committed, as {@link #submit} then waiting. */
    StoreResult store(List<CallRecord> records);

    /**
     * Hands records to the next group commit without waiting for it: the switch calls this from
     * its SIP threads at each call's end.
     *
     * @return completes once the records are committed to the database (on the thread that
     *         committed them: what the caller chains must be quick), or exceptionally when they
     *         could not be, the records then not stored
     * @since 1.6
     */
    CompletionStage<StoreResult> submit(List<CallRecord> records);

    Optional<CallRecord> get(String id);

    /** @throws InvalidQueryException when the query cannot be understood */
    SearchResult search(CdrQuery query);

    /** Streams every match in the query's order, holding one batch at a time. */
    void forEach(CdrQuery query, Consumer<CallRecord> action);

    /**
     * @param format an importer's format, for example {@code asterisk-csv}
     * @param source the name of the system the file comes from
     * @throws IllegalArgumentException for an unknown format
     */
    ImportReport importFile(String format, String source, String fileName, InputStream in) throws IOException;

    /**
     * Reads every record from the database (not the index) in store order, in batches of up to
     * 5,000, for rebuilding what is derived from the records.
     *
     * @since 1.3
     */
    void scan(Consumer<List<CallRecord>> batches);

    /** Rebuilds the search index from the database; @return records indexed */
    long reindex();

    /**
     * @param name an installed {@link CallAttachment}'s name, for example {@code ladder}
     * @return what that attachment keeps for the record, or empty when it keeps nothing for it
     * @throws IllegalArgumentException for an unknown name, naming the installed ones
     */
    Optional<CallAttachment.Content> attachment(CallRecord record, String name) throws IOException;

    /** Applies the retention period to the records and their attachments, or says what it would delete. */
    RetentionReport retention(boolean dryRun);

    /**
     * @return the installed exporter of the format
     * @throws IllegalArgumentException for an unknown format, naming the installed ones
     */
    CdrExporter exporter(String format);

    /** @return counts and what is installed */
    CdrStatus status();

    /**
     * Demo data is no longer the call-record service's: the {@code io.switchboard.cdr.demo} plugin
     * makes it ({@code POST /api/v1/cdr/demo}, {@code cdr:demo}) through {@link #store(List)}.
     *
     * @deprecated since 1.5; goes in 2.0
     * @throws UnsupportedOperationException always
     */
    @Deprecated(since = "1.5", forRemoval = true)
    default StoreResult generateDemo(int count, int days) {
        throw new UnsupportedOperationException("Demo records come from the io.switchboard.cdr.demo plugin: "
                + "POST /api/v1/cdr/demo");
    }

    List<SavedSearch> savedSearches(String owner);

    /** Adds or replaces a saved search (owner and name identify it). */
    SavedSearch saveSearch(SavedSearch search);

    /** @return whether there was such a search */
    boolean deleteSavedSearch(String owner, String name);
}
