package io.switchboard.cdr.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every record the CDR service commits, for what is derived from the records besides the
 * search index (KPI rollups, for example). Registered as an OSGi service; the CDR service calls
 * every listener on one thread of its own, in commit order, after the records are committed. A
 * listener must return quickly (hand the records to a thread of its own) and must not throw; one
 * that misses records after a crash finds out by comparing its counts with the store's and reads
 * them again with {@link CdrService#scan}.
 *
 * @since 1.3
 */
@ConsumerType
public interface CdrListener {

    /** @param records newly stored records, with their store ids; duplicates are not handed on */
    void stored(List<CallRecord> records);

    /** The retention deleted the records that started before {@code cutoff}. */
    default void deletedBefore(Instant cutoff) {
    }
}
