package io.switchboard.cdr.api;

import java.util.List;

/**
 * @param fileName the imported file
 * @param format the importer used
 * @param read records read
 * @param stored records newly stored
 * @param duplicates records already stored by an earlier import
 * @param errorCount lines that could not be read
 * @param errors the first of those lines (at most 1000)
 */
public record ImportReport(String fileName, String format, long read, long stored, long duplicates, long errorCount,
        List<LineError> errors) {

    public ImportReport {
        errors = List.copyOf(errors);
    }
}
