package io.switchboard.cdr.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.api.ImportReport;
import io.switchboard.cdr.api.LineError;
import io.switchboard.cdr.api.RetentionReport;
import io.switchboard.cdr.api.SearchResult;

/**
 * Gogo shell commands for call records, so that admins can script what the API does:
 * {@code cdr:search "callee:+4420* AND disposition:failed"}, {@code cdr:import asterisk-csv
 * pbx1 /var/log/asterisk/cdr-csv/Master.csv}, {@code cdr:reindex}, {@code cdr:retention},
 * {@code cdr:status} (and {@code cdr:demo 10000 7} from the demo plugin). They return text, which the shell prints.
 */
@Component(service = CdrCommands.class, property = { "osgi.command.scope=cdr", "osgi.command.function=search",
        "osgi.command.function=import", "osgi.command.function=reindex", "osgi.command.function=retention",
        "osgi.command.function=status" })
public class CdrCommands {

    @Reference
    private CdrService cdr;

    public String search(String query) {
        return search(query, 20);
    }

    public String search(String query, int limit) {
        SearchResult r = cdr.search(new CdrQuery(query, null, true, 0, limit, List.of("disposition", "trunk")));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-24s %-16s %-18s %-10s %5s %6s %-10s%n", "start (UTC)", "caller", "callee",
                "result", "code", "secs", "trunk"));
        for (CallRecord c : r.records()) {
            sb.append(String.format("%-24s %-16s %-18s %-10s %5d %6d %-10s%n", c.start(), nz(c.caller()),
                    nz(c.calleeE164() != null ? c.calleeE164() : c.callee()),
                    c.disposition().name().toLowerCase(), c.sipCode(), c.billableSeconds(),
                    nz(c.trunkOut() != null ? c.trunkOut() : c.trunkIn())));
        }
        sb.append(r.total()).append(" records match");
        for (Map.Entry<String, Map<String, Long>> f : r.facets().entrySet()) {
            sb.append("; ").append(f.getKey()).append(' ').append(f.getValue());
        }
        return sb.append(System.lineSeparator()).toString();
    }

    /** {@code cdr:import FORMAT SOURCE FILE}: Gogo maps the keyword command to this underscored method. */
    public String _import(String format, String source, String file) throws IOException {
        Path path = Path.of(file);
        ImportReport report;
        try (InputStream in = Files.newInputStream(path)) {
            report = cdr.importFile(format, source, path.getFileName().toString(), in);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d read, %d stored, %d already there, %d bad lines%n", file, report.read(),
                report.stored(), report.duplicates(), report.errorCount()));
        for (LineError e : report.errors()) {
            sb.append("  ").append(e).append(System.lineSeparator());
        }
        return sb.toString();
    }

    public String reindex() {
        return cdr.reindex() + " records indexed" + System.lineSeparator();
    }

    public String retention() {
        return describe(cdr.retention(true));
    }

    public String retention(String apply) {
        if (!apply.equals("--apply")) {
            throw new IllegalArgumentException("cdr:retention takes no argument (dry run) or --apply");
        }
        return describe(cdr.retention(false));
    }

    public String status() {
        var s = cdr.status();
        return String.format("%d records stored, %d indexed%s; retention %s; import formats %s; export formats %s%n",
                s.storedRecords(), s.indexedRecords(), s.rebuilding() ? " (index rebuilding)" : "",
                s.retentionDays() == 0 ? "forever" : s.retentionDays() + " days", s.importFormats(),
                s.exportFormats());
    }

    private static String describe(RetentionReport r) {
        if (r.retentionDays() == 0) {
            return "Retention is off: records are kept forever" + System.lineSeparator();
        }
        return String.format("%s %d records that started before %s (retention %d days)%n",
                r.dryRun() ? "Would delete" : "Deleted", r.records(), r.cutoff(), r.retentionDays());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
