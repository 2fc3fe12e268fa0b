package io.switchboard.cdr.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Quality;
import io.switchboard.console.ui.widgets.ConsoleSettings;

/** How a call record reads in the result table and in the detail pane; times with their zone. */
final class Rows {

    /** Column titles, widths and the server's sort field (null: not sortable). */
    record Column(String title, int width, String sort) {
    }

    static final List<Column> COLUMNS = List.of(new Column("Start", 190, "start"), new Column("Caller", 130, null),
            new Column("Callee", 130, null), new Column("Disposition", 90, null), new Column("SIP", 45, "sipCode"),
            new Column("Duration", 70, "duration"), new Column("Trunk", 100, null), new Column("MOS", 50, "mos"),
            new Column("Source", 120, null));

    private Rows() {
    }

    static String[] cells(CallRecord r) {
        String trunk = r.trunkOut() != null ? r.trunkOut() : r.trunkIn();
        Double mos = r.mos();
        return new String[] { ConsoleSettings.time(r.start()), or(r.caller()), or(r.callee()),
                r.disposition().name().toLowerCase(), r.sipCode() == 0 ? "" : Integer.toString(r.sipCode()),
                r.durationSeconds() + " s", or(trunk), mos == null ? "" : String.format("%.2f", mos), r.source() };
    }

    /** Every field of the record, as name and value, for the detail pane. */
    static List<String[]> details(CallRecord r) {
        List<String[]> out = new ArrayList<>();
        add(out, "Id", r.id());
        add(out, "Source", r.source() + " / " + r.sourceId());
        add(out, "Call-IDs", String.join(", ", r.callIds()));
        add(out, "Start", ConsoleSettings.time(r.start()));
        add(out, "Ringing", ConsoleSettings.time(r.ring()));
        add(out, "Answered", ConsoleSettings.time(r.answer()));
        add(out, "End", ConsoleSettings.time(r.end()));
        add(out, "Duration", r.durationSeconds() + " s (billable " + r.billableSeconds() + " s)");
        add(out, "Post-dial delay", r.pddMillis() < 0 ? "" : r.pddMillis() + " ms");
        add(out, "Caller", or(r.caller()) + (r.callerE164() == null ? "" : "  (" + r.callerE164() + ")")
                + (r.callerName() == null ? "" : "  \"" + r.callerName() + "\""));
        add(out, "Callee", or(r.callee()) + (r.calleeE164() == null ? "" : "  (" + r.calleeE164() + ")"));
        add(out, "DID", or(r.did()));
        add(out, "Direction", r.direction().name().toLowerCase());
        add(out, "Trunk in / out", or(r.trunkIn()) + " / " + or(r.trunkOut()));
        add(out, "Disposition", r.disposition().name().toLowerCase());
        add(out, "SIP", r.sipCode() + " " + or(r.sipReason()));
        add(out, "Hung up by", r.hangupSide().name().toLowerCase());
        add(out, "Codec", or(r.codec()));
        add(out, "Quality A→B", quality(r.qualityA()));
        add(out, "Quality B→A", quality(r.qualityB()));
        for (Map.Entry<String, String> tag : r.tags().entrySet()) {
            add(out, "Tag " + tag.getKey(), tag.getValue());
        }
        return out;
    }

    private static String quality(Quality q) {
        if (q.mos() == null && q.jitterMs() == null && q.lossPercent() == null && q.rttMs() == null) {
            return "not measured";
        }
        List<String> parts = new ArrayList<>();
        measure(parts, "MOS %.2f", q.mos());
        measure(parts, "jitter %.1f ms", q.jitterMs());
        measure(parts, "loss %.2f %%", q.lossPercent());
        measure(parts, "RTT %.1f ms", q.rttMs());
        return String.join(", ", parts);
    }

    private static void measure(List<String> parts, String format, Double value) {
        if (value != null) {
            parts.add(String.format(format, value));
        }
    }

    private static void add(List<String[]> out, String name, String value) {
        out.add(new String[] { name, value == null ? "" : value });
    }

    private static String or(Object value) {
        return value == null ? "" : value.toString();
    }
}
