package io.switchboard.cdr.api;

import java.time.Instant;
import java.util.List;

/**
 * A search an admin kept under a name.
 *
 * @param owner the account that saved it
 * @param name its name, unique per owner
 * @param query the query text
 * @param sort sort field or null
 * @param descending sort order
 * @param facets facet fields shown with it
 * @param saved when it was last saved
 */
public record SavedSearch(String owner, String name, String query, String sort, boolean descending,
        List<String> facets, Instant saved) {

    public SavedSearch {
        facets = facets == null ? List.of() : List.copyOf(facets);
    }
}
