package io.switchboard.messaging.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The search of the message history in the call records' query language: {@code from:alice},
 * {@code to:+4420*}, {@code state:failed}, {@code received:[2026-11-01 TO 2026-11-02]}, and words
 * of the content ({@code content:invoice}) only where the admin opted in to indexing it. An index
 * derived from the {@link MessageStore}, which it can always be rebuilt from.
 *
 * @since 1.1
 */
@ProviderType
public interface MessageSearch {

    /**
     * @param query the query; blank for every message
     * @param mayReadContent whether the asker may read messages' content: without, a query on the
     *        content is refused (it would tell which messages hold a word)
     * @return the ids of the matching messages, newest first, at most {@code limit}, and how many match
     * @throws IllegalArgumentException naming what is wrong with the query
     * @throws SecurityException for a query on the content without {@code mayReadContent}
     */
    Hits search(String query, boolean mayReadContent, int limit);

    /** @return whether the content of messages is indexed (the admin's choice, off by default) */
    boolean indexesContent();

    /** The ids found, newest first, and how many matched in all. */
    record Hits(long total, List<Long> ids) {
    }
}
