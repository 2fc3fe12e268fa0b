package io.switchboard.cdr.api;

import java.util.List;

/**
 * @param storedRecords records in the database
 * @param indexedRecords records in the search index (equal to stored once the index has caught up)
 * @param rebuilding whether the index is being rebuilt now
 * @param retentionDays the retention period, 0 for keep forever
 * @param importFormats formats an import can name
 * @param exportFormats formats an export can name
 */
public record CdrStatus(long storedRecords, long indexedRecords, boolean rebuilding, int retentionDays,
        List<String> importFormats, List<String> exportFormats) {

    public CdrStatus {
        importFormats = List.copyOf(importFormats);
        exportFormats = List.copyOf(exportFormats);
    }
}
