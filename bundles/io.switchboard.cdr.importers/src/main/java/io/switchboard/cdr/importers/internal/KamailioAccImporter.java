package io.switchboard.cdr.importers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.osgi.service.component.annotations.Component;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrImporter;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.cdr.api.ImportSink;
import io.switchboard.platform.api.PluginInfo;

/**
 * Kamailio {@code acc} table rows exported as CSV with a header line ({@code method, callid,
 * sip_code, sip_reason, time} required; {@code from_tag, to_tag, src_user, dst_user, dst_ouser,
 * src_ip} used when present). acc logs transactions, not calls: the INVITE row gives the start and
 * the outcome, the BYE row of the same Call-ID the end; a call is emitted once the file is read.
 */
@Component(property = CdrImporter.FORMAT + "=kamailio-acc")
@PluginInfo(name = "cdr-import-kamailio-acc", vendor = "Switchboard", description = "Kamailio acc table (CSV)")
public class KamailioAccImporter implements CdrImporter {

    private static final List<String> REQUIRED = List.of("method", "callid", "sip_code", "sip_reason", "time");

    private static final class Call {
        long line;
        Map<String, String> invite;
        Instant start;
        Instant end;
        String byeFromTag;
    }

    @Override
    public void read(String source, String fileName, InputStream in, ImportSink sink) throws IOException {
        CsvHeader header = new CsvHeader(REQUIRED, true, "export the acc table with its column names");
        Map<String, Call> calls = new LinkedHashMap<>();
        LineReader.read(in, CSVFormat.DEFAULT, sink, (line, f, raw) -> {
            Map<String, String> row = header.accept(f);
            if (row == null) {
                return;
            }
            String callId = row.get("callid");
            if (callId.isEmpty()) {
                throw new IllegalArgumentException("callid is empty");
            }
            Instant time = time(row.get("time"));
            code(row.get("sip_code"));
            switch (row.get("method").toUpperCase()) {
                case "INVITE" -> {
                    Call c = calls.computeIfAbsent(callId, k -> new Call());
                    if (c.invite == null) {
                        c.line = line;
                        c.invite = row;
                        c.start = time;
                    }
                }
                case "BYE" -> {
                    Call c = calls.get(callId);
                    if (c == null || c.invite == null) {
                        throw new IllegalArgumentException("BYE without an INVITE for Call-ID " + callId);
                    }
                    c.end = time;
                    c.byeFromTag = row.get("from_tag");
                }
                default -> {
                    // other transactions (REGISTER, MESSAGE, ...) are not calls
                }
            }
        });
        for (Map.Entry<String, Call> e : calls.entrySet()) {
            sink.record(e.getValue().line, map(source, e.getKey(), e.getValue()));
        }
    }

    private static CallRecord map(String source, String callId, Call c) {
        Map<String, String> inv = c.invite;
        int code = code(inv.get("sip_code"));
        Disposition disposition = code >= 200 && code < 300 ? Disposition.ANSWERED
                : switch (code) {
                    case 486, 600 -> Disposition.BUSY;
                    case 408, 480 -> Disposition.NO_ANSWER;
                    case 487 -> Disposition.CANCELLED;
                    default -> Disposition.FAILED;
                };
        boolean answered = disposition == Disposition.ANSWERED;
        Instant end = answered ? c.end : c.start;
        long billable = answered && c.end != null ? Math.max(0, c.end.getEpochSecond() - c.start.getEpochSecond()) : 0;
        HangupSide side = HangupSide.UNKNOWN;
        if (c.byeFromTag != null && !c.byeFromTag.isEmpty()) {
            side = c.byeFromTag.equals(inv.get("from_tag")) ? HangupSide.CALLER : HangupSide.CALLEE;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : List.of("src_ip", "src_domain", "dst_domain", "from_tag", "to_tag")) {
            String value = inv.get(key);
            if (value != null && !value.isBlank()) {
                tags.put(key, value);
            }
        }
        if (answered && c.end == null) {
            tags.put("open", "no BYE in the file");
        }
        String callee = first(inv.get("dst_ouser"), inv.get("dst_user"));
        return new CallRecord(null, source, callId + ";" + first(inv.get("from_tag"), ""), List.of(callId), c.start,
                null, answered ? c.start : null, end, billable, first(inv.get("src_user"), null), null, null, callee,
                null, Direction.UNKNOWN, null, null, null, disposition, code, inv.get("sip_reason"), side, null, null,
                null, tags);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static int code(String text) {
        try {
            int code = Integer.parseInt(text.trim());
            if (code < 100 || code > 699) {
                throw new NumberFormatException();
            }
            return code;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sip_code '" + text + "' is not a SIP status code");
        }
    }

    private static Instant time(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("time '" + text + "' is not a date-time (yyyy-MM-dd HH:mm:ss) "
                    + "or epoch seconds");
        }
    }
}
