package io.switchboard.kpi.ui.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import io.switchboard.kpi.api.Scope;

/** The call record search behind a point of a chart: its scope's key and its bucket. */
final class Drilldown {

    private Drilldown() {
    }

    /** @return a query of the call records search, such as {@code trunk:"carrier-a" AND start:[... TO ...}} */
    static String query(Scope scope, String key, OffsetDateTime from, OffsetDateTime to) {
        String time = "start:[" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(from) + " TO "
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(to) + "}";
        String field = key == null || key.isEmpty() ? null : switch (scope) {
            case TRUNK -> "trunk:\"" + key + "\"";
            case DID -> "did:\"" + key + "\"";
            case USER -> "caller:\"" + key + "\"";
            case DESTINATION -> "callee:" + key + "*";
            // a tag is searched as its name and value; a callback's own call names the queue too, not its outcome
            case QUEUE -> "tag:\"queue " + key + "\" AND tag:queueOutcome";
            case ALL -> null;
        };
        return field == null ? time : field + " AND " + time;
    }
}
