package io.switchboard.cdr.core.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrExporter;
import io.switchboard.cdr.api.Quality;
import io.switchboard.mgmt.api.CsvCells;
import io.switchboard.platform.api.PluginInfo;

/** CSV with a header line, one record a line, times in ISO-8601 UTC, tags as JSON. */
@Component(property = CdrExporter.FORMAT + "=csv")
@PluginInfo(name = "cdr-export-csv", vendor = "Switchboard", description = "Call records as CSV")
public class CsvExporter implements CdrExporter {

    static final String[] HEADER = { "id", "source", "sourceId", "callIds", "start", "ring", "answer", "end",
            "durationSeconds", "billableSeconds", "caller", "callerE164", "callerName", "callee", "calleeE164",
            "direction", "trunkIn", "trunkOut", "did", "disposition", "sipCode", "sipReason", "hangupSide", "pddMillis",
            "codec", "mosA", "jitterMsA", "lossPercentA", "rttMsA", "mosB", "jitterMsB", "lossPercentB", "rttMsB",
            "tags" };

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public Writer open(OutputStream out) throws IOException {
        CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(HEADER).get());
        return new Writer() {
            @Override
            public void write(CallRecord r) throws IOException {
                printer.printRecord(row(r).stream().map(CsvCells::safe).toArray());
            }

            @Override
            public void close() throws IOException {
                printer.flush();
            }
        };
    }

    static List<Object> row(CallRecord r) throws JsonProcessingException {
        List<Object> row = new ArrayList<>(HEADER.length);
        row.add(r.id());
        row.add(r.source());
        row.add(r.sourceId());
        row.add(String.join(" ", r.callIds()));
        row.add(time(r.start()));
        row.add(time(r.ring()));
        row.add(time(r.answer()));
        row.add(time(r.end()));
        row.add(r.durationSeconds());
        row.add(r.billableSeconds());
        row.add(r.caller());
        row.add(r.callerE164());
        row.add(r.callerName());
        row.add(r.callee());
        row.add(r.calleeE164());
        row.add(r.direction());
        row.add(r.trunkIn());
        row.add(r.trunkOut());
        row.add(r.did());
        row.add(r.disposition());
        row.add(r.sipCode());
        row.add(r.sipReason());
        row.add(r.hangupSide());
        row.add(r.pddMillis() < 0 ? null : r.pddMillis());
        row.add(r.codec());
        for (Quality q : List.of(r.qualityA(), r.qualityB())) {
            row.add(q.mos());
            row.add(q.jitterMs());
            row.add(q.lossPercent());
            row.add(q.rttMs());
        }
        row.add(r.tags().isEmpty() ? null : JsonExporter.JSON.writeValueAsString(r.tags()));
        return row;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
