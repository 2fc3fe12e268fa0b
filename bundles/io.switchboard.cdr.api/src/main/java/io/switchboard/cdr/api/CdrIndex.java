package io.switchboard.cdr.api;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A search index of call records, derived from the {@link CdrStore} and rebuildable from it at any
 * time. Implemented by {@code io.switchboard.cdr.search.lucene}; a cluster implementation
 * (OpenSearch, Solr) can take its place. Used by the CDR service only. Thread-safe.
 */
@ProviderType
public interface CdrIndex {

    /**
     * Adds records the index does not hold yet (the service adds only newly stored records, and a
     * rebuild starts from {@link #clear()}); searchable within a second.
     */
    void add(Collection<CallRecord> records);

    void delete(Collection<String> ids);

    /** @throws InvalidQueryException when the query cannot be parsed */
    SearchResult search(CdrQuery query);

    /** Streams every matching record in the query's order, without holding them all. */
    void forEach(CdrQuery query, Consumer<CallRecord> action);

    /** @return how many records the index holds */
    long count();

    /** @return a sample of the ids it holds, for consistency checks */
    List<String> sampleIds(int max);

    /** Empties the index; a rebuild follows with {@link #add}. */
    void clear();
}
