package io.switchboard.cdr.importers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Asterisk {@code cdr_csv} (Master.csv): accountcode, src, dst, dcontext, clid, channel,
 * dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags, and
 * optionally uniqueid, userfield (and peeraccount, linkedid, sequence). Times are read as UTC
 * ({@code usegmtime=yes}); a time with an explicit offset keeps it.
 */
@Component(property = CdrImporter.FORMAT + "=asterisk-csv")
@PluginInfo(name = "cdr-import-asterisk-csv", vendor = "Switchboard",
        description = "Asterisk cdr_csv Master.csv")
public class AsteriskCsvImporter implements CdrImporter {

    private static final String[] NAMES = { "accountcode", "src", "dst", "dcontext", "clid", "channel",
            "dstchannel", "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec", "disposition",
            "amaflags", "uniqueid", "userfield", "peeraccount", "linkedid", "sequence" };
    private static final Pattern CLID = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    public void read(String source, String fileName, InputStream in, ImportSink sink) throws IOException {
        LineReader.read(in, CSVFormat.DEFAULT, sink, (line, f, raw) -> {
            if (f.size() < 16 || f.size() > NAMES.length) {
                throw new IllegalArgumentException("expected 16 to " + NAMES.length + " fields (cdr_csv), found "
                        + f.size());
            }
            sink.record(line, map(source, f, raw));
        });
    }

    static CallRecord map(String source, List<String> f, String raw) {
        Instant start = time(f.get(9), "start");
        if (start == null) {
            throw new IllegalArgumentException("start is empty");
        }
        Instant answer = time(f.get(10), "answer");
        Instant end = time(f.get(11), "end");
        long billsec = number(f.get(13), "billsec");
        number(f.get(12), "duration");
        Disposition disposition;
        int sipCode;
        switch (f.get(14).trim().toUpperCase()) {
            case "ANSWERED" -> { disposition = Disposition.ANSWERED; sipCode = 200; }
            case "BUSY" -> { disposition = Disposition.BUSY; sipCode = 486; }
            case "NO ANSWER" -> { disposition = Disposition.NO_ANSWER; sipCode = 480; }
            case "CONGESTION" -> { disposition = Disposition.FAILED; sipCode = 503; }
            case "FAILED" -> { disposition = Disposition.FAILED; sipCode = 500; }
            default -> throw new IllegalArgumentException("unknown disposition '" + f.get(14) + "'");
        }
        String callerName = null;
        String caller = f.get(1);
        Matcher clid = CLID.matcher(f.get(4));
        if (clid.matches()) {
            callerName = clid.group(1).isBlank() ? null : clid.group(1).trim();
            if (caller.isBlank()) {
                caller = clid.group(2);
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i : new int[] { 0, 3, 5, 6, 7, 8, 15 }) {
            put(tags, NAMES[i], f.get(i));
        }
        for (int i = 17; i < f.size(); i++) {
            put(tags, NAMES[i], f.get(i));
        }
        String uniqueId = f.size() > 16 && !f.get(16).isBlank() ? f.get(16).trim() : LineReader.contentId(raw);
        return new CallRecord(null, source, uniqueId, List.of(), start, null, answer, end, billsec, blank(caller), null,
                callerName, blank(f.get(2)), null, Direction.UNKNOWN, null, null, null, disposition, sipCode,
                f.get(14).trim(), HangupSide.UNKNOWN, null, null, null, tags);
    }

    private static Instant time(String text, String field) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            if (t.length() > 19) {
                return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
            }
            return LocalDateTime.parse(t, TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a time (yyyy-MM-dd HH:mm:ss)");
        }
    }

    private static long number(String text, String field) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a number of seconds");
        }
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isBlank()) {
            tags.put(key, value);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
