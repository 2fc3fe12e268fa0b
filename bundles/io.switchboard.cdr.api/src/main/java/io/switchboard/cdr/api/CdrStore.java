package io.switchboard.cdr.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable home of call records, the source of truth from which any search index is derived.
 * Implemented by {@code io.switchboard.cdr.store.jdbc} (H2, PostgreSQL); used by the CDR service
 * only. Thread-safe.
 */
@ProviderType
public interface CdrStore {

    /**
     * Stores records in one transaction: all of them are committed when this returns, none when
     * it throws. Records whose (source, sourceId) is already stored are skipped and reported as
     * duplicates.
     */
    StoreResult insert(List<CallRecord> records);

    /**
     * As {@link #insert(List)}, and after the commit hands each newly stored record, with its store
     * id, to {@code stored} (duplicates are not handed on). A record's store id is derived from its
     * natural key (source, sourceId), so the same call stored twice has one id; an id the record
     * carries is not used.
     *
     * @since 1.1
     */
    StoreResult insert(List<CallRecord> records, Consumer<CallRecord> stored);

    Optional<CallRecord> get(String id);

    /** @return how many records are stored */
    long count();

    /**
     * Reads every record in store order, in batches, for rebuilding an index or exporting.
     * Holds no more than one batch in memory.
     */
    void scan(Consumer<List<CallRecord>> batches, int batchSize);

    /** @return how many records started before the instant */
    long countOlderThan(Instant instant);

    /** Deletes records that started before the instant; @return their ids */
    List<String> deleteOlderThan(Instant instant);
}
