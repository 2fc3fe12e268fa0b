package io.switchboard.cdr.api;

import java.util.List;

/**
 * What a store call did. Every record is either stored or recognised as a duplicate of one stored
 * before (same source and source id); nothing is reported stored before it is committed.
 *
 * @param stored records newly stored
 * @param duplicates records that were already there and were not stored again
 * @param ids store ids in the order of the records given (the existing id for a duplicate)
 */
public record StoreResult(int stored, int duplicates, List<String> ids) {

    public StoreResult {
        ids = List.copyOf(ids);
    }
}
