package io.switchboard.cdr.search.lucene.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The names an admin types in a query, and how each is indexed. */
final class Fields {

    static final String ID = "id";
    static final String SOURCE = "_record";
    static final String TEXT = "text";

    /** Exact, case-insensitive values (wildcards allowed). */
    static final Set<String> KEYWORDS = Set.of("id", "source", "sourceId", "callId", "caller", "callee", "did",
            "direction", "trunk", "trunkIn", "trunkOut", "disposition", "hangup", "codec");
    /** Numbers whose endings are indexed reversed, for suffix searches ("calls ending in 4567"). */
    static final Set<String> NUMBERS = Set.of("caller", "callee", "did");
    /** How many of a number's last characters its ending field holds. */
    static final int ENDING = 10;
    /** Whole numbers: exact values and ranges. */
    static final Set<String> LONGS = Set.of("sipCode", "duration", "billable", "pdd");
    /** Decimal numbers: ranges (and exact values). */
    static final Set<String> DOUBLES = Set.of("mos", "jitter", "loss", "rtt");
    /** Instants: ranges of dates or date-times. */
    static final Set<String> TIMES = Set.of("start", "answer", "end");
    /** Hour of day (UTC) of the start, 0-23: exact hours and ranges, as the hour facet counts them. */
    static final String HOUR = "hour";
    /** Analysed text: names, reasons, tags. */
    static final Set<String> TEXTS = Set.of("text", "callerName", "reason", "tag");
    /** Facet dimensions. */
    static final Set<String> FACETS = Set.of("trunk", "disposition", "sipCode", "hour", "direction", "codec",
            "source");
    /** Sortable fields and their doc-values kind. */
    static final Map<String, Character> SORTABLE = Map.ofEntries(Map.entry("start", 'L'), Map.entry("duration", 'L'),
            Map.entry("billable", 'L'), Map.entry("pdd", 'L'), Map.entry("sipCode", 'L'), Map.entry("mos", 'D'),
            Map.entry("jitter", 'D'), Map.entry("loss", 'D'), Map.entry("rtt", 'D'));

    /** @return the doc-values field that holds a string facet's values as given (not lower-cased) */
    static String facetField(String dim) {
        return "facet." + dim;
    }

    /** @return the field that holds a number's reversed ending */
    static String endingField(String field) {
        return field + ".ending";
    }

    /** @return the value's last {@link #ENDING} characters, lower case and reversed; null for none */
    static String ending(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String tail = value.length() > ENDING ? value.substring(value.length() - ENDING) : value;
        return new StringBuilder(tail.toLowerCase(Locale.ROOT)).reverse().toString();
    }

    static String known() {
        return "id, source, sourceId, callId, caller, callee, did, direction, trunk, trunkIn, trunkOut, disposition, "
                + "hangup, codec, sipCode, duration, billable, pdd, mos, jitter, loss, rtt, start, answer, end, "
                + "hour, callerName, reason, tag, text";
    }

    static boolean known(String field) {
        return KEYWORDS.contains(field) || LONGS.contains(field) || DOUBLES.contains(field) || TIMES.contains(field)
                || TEXTS.contains(field) || HOUR.equals(field);
    }

    private Fields() {
    }
}
