package io.switchboard.cdr.importers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
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
 * Cisco Unified CM CDR flat files: a header line of field names, a line of field types, then one
 * line per record. Only CDRs ({@code cdrRecordType} 1) are imported; CMRs and start records are
 * skipped. Times are UTC epoch seconds; causes are Q.850 values.
 */
@Component(property = CdrImporter.FORMAT + "=cucm")
@PluginInfo(name = "cdr-import-cucm", vendor = "Switchboard", description = "Cisco Unified CM CDR flat files")
public class CucmImporter implements CdrImporter {

    private static final List<String> REQUIRED = List.of("cdrRecordType", "globalCallID_callId",
            "dateTimeOrigination", "callingPartyNumber", "finalCalledPartyNumber", "dateTimeConnect",
            "dateTimeDisconnect", "duration");
    private static final List<String> TAGGED = List.of("globalCallID_callManagerId", "globalCallID_callId",
            "origDeviceName", "destDeviceName", "callingPartyNumberPartition", "finalCalledPartyNumberPartition",
            "origCause_value", "destCause_value", "originalCalledPartyNumber");

    @Override
    public void read(String source, String fileName, InputStream in, ImportSink sink) throws IOException {
        CsvHeader header = new CsvHeader(REQUIRED, false, "not a CUCM CDR file");
        LineReader.read(in, CSVFormat.DEFAULT, sink, (line, f, raw) -> {
            if (!f.isEmpty() && f.get(0).trim().equalsIgnoreCase("INTEGER")) {
                return; // the line of field types
            }
            Map<String, String> v = header.accept(f);
            if (v == null) {
                return;
            }
            if (!"1".equals(v.get("cdrRecordType").trim())) {
                return; // CMR or start record
            }
            sink.record(line, map(source, v));
        });
    }

    static CallRecord map(String source, Map<String, String> v) {
        Instant start = epoch(v, "dateTimeOrigination");
        if (start == null) {
            throw new IllegalArgumentException("dateTimeOrigination is 0");
        }
        Instant connect = epoch(v, "dateTimeConnect");
        Instant end = epoch(v, "dateTimeDisconnect");
        long duration = number(v, "duration");
        int origCause = (int) number(v, "origCause_value");
        int destCause = (int) number(v, "destCause_value");
        int cause = destCause != 0 ? destCause : origCause;
        Disposition disposition;
        int sipCode;
        if (connect != null) {
            disposition = Disposition.ANSWERED;
            sipCode = 200;
        } else {
            switch (cause) {
                case 17 -> { disposition = Disposition.BUSY; sipCode = 486; }
                case 18, 102 -> { disposition = Disposition.NO_ANSWER; sipCode = 408; }
                case 19 -> { disposition = Disposition.NO_ANSWER; sipCode = 480; }
                case 0, 16 -> { disposition = Disposition.CANCELLED; sipCode = 487; }
                case 1 -> { disposition = Disposition.FAILED; sipCode = 404; }
                case 21 -> { disposition = Disposition.FAILED; sipCode = 403; }
                case 34, 38, 41, 42, 44 -> { disposition = Disposition.FAILED; sipCode = 503; }
                default -> { disposition = Disposition.FAILED; sipCode = 500; }
            }
        }
        HangupSide side = origCause == 16 ? HangupSide.CALLER
                : destCause == 16 ? HangupSide.CALLEE : HangupSide.UNKNOWN;
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : TAGGED) {
            String value = v.get(key);
            if (value != null && !value.isBlank() && !value.equals("0")) {
                tags.put(key, value.trim());
            }
        }
        String pkid = v.get("pkid");
        String sourceId = pkid != null && !pkid.isBlank() ? pkid.trim()
                : v.getOrDefault("globalCallID_callManagerId", "") + "-" + v.get("globalCallID_callId") + "-"
                        + v.getOrDefault("origLegCallIdentifier", "");
        return new CallRecord(null, source, sourceId, List.of(), start, null, connect, end,
                connect == null ? 0 : duration, blank(v.get("callingPartyNumber")), null, null,
                blank(v.get("finalCalledPartyNumber")), null, Direction.UNKNOWN, null, null, null, disposition, sipCode,
                "Q.850 cause " + cause, side, codec(v.get("origMediaCap_payloadCapability")), null, null, tags);
    }

    private static String codec(String payload) {
        if (payload == null || payload.isBlank() || payload.trim().equals("0")) {
            return null;
        }
        return switch (payload.trim()) {
            case "2" -> "PCMA";
            case "4" -> "PCMU";
            case "9", "10", "11", "12" -> "G729";
            case "6" -> "G722";
            default -> "cisco-payload-" + payload.trim();
        };
    }

    private static Instant epoch(Map<String, String> v, String key) {
        long s = number(v, key);
        return s == 0 ? null : Instant.ofEpochSecond(s);
    }

    private static long number(Map<String, String> v, String key) {
        String text = v.get(key);
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not a number");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
