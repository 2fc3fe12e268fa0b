package io.switchboard.cdr.importers.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header line of a CSV export: field names to columns. Until a valid header has been read,
 * {@link #accept} takes the line as the header; after that it maps each line to a name/value map.
 */
final class CsvHeader {

    private final List<String> required;
    private final boolean lowerCase;
    private final String hint;
    private final Map<String, Integer> columns = new HashMap<>();

    /**
     * @param required names the header must have
     * @param lowerCase whether names are compared in lower case
     * @param hint what to tell the admin when the header lacks a name
     */
    CsvHeader(List<String> required, boolean lowerCase, String hint) {
        this.required = required;
        this.lowerCase = lowerCase;
        this.hint = hint;
    }

    /**
     * @return the line's values by field name, or null when the line was the header
     * @throws IllegalArgumentException when the header lacks a name or a line has the wrong field count
     */
    Map<String, String> accept(List<String> fields) {
        if (columns.isEmpty()) {
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).trim();
                columns.put(lowerCase ? name.toLowerCase(Locale.ROOT) : name, i);
            }
            for (String name : required) {
                if (!columns.containsKey(name)) {
                    columns.clear();
                    throw new IllegalArgumentException("the header line lacks " + name + ": " + hint);
                }
            }
            return null;
        }
        if (fields.size() != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " fields as in the header, found "
                    + fields.size());
        }
        Map<String, String> values = new LinkedHashMap<>();
        columns.forEach((name, i) -> values.put(name, fields.get(i).trim()));
        return values;
    }
}
