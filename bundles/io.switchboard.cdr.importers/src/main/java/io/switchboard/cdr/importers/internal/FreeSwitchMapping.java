package io.switchboard.cdr.importers.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.cdr.api.Quality;

/**
 * FreeSWITCH channel variables (as mod_json_cdr and mod_xml_cdr write them, URL-encoded or not)
 * to a call record. The same variables in both formats, so one mapping.
 */
final class FreeSwitchMapping {

    private static final List<String> TAGGED = List.of("context", "accountcode", "hangup_cause",
            "sip_hangup_disposition", "direction", "sip_from_host", "sip_to_host", "network_addr");

    private FreeSwitchMapping() {
    }

    static CallRecord map(String source, Map<String, String> raw) {
        Map<String, String> v = new LinkedHashMap<>();
        raw.forEach((k, value) -> v.put(k, decode(value)));
        String uuid = required(v, "uuid");
        Instant start = epoch(v, "start_uepoch", "start_epoch");
        if (start == null) {
            throw new IllegalArgumentException("no start_epoch for call " + uuid);
        }
        Instant answer = epoch(v, "answer_uepoch", "answer_epoch");
        Instant ring = epoch(v, "progress_uepoch", "progress_epoch");
        if (ring == null) {
            ring = epoch(v, "progress_media_uepoch", "progress_media_epoch");
        }
        Instant end = epoch(v, "end_uepoch", "end_epoch");
        String cause = v.getOrDefault("hangup_cause", "");
        Disposition disposition = answer != null ? Disposition.ANSWERED : switch (cause) {
            case "USER_BUSY" -> Disposition.BUSY;
            case "NO_ANSWER", "NO_USER_RESPONSE", "ALLOTTED_TIMEOUT" -> Disposition.NO_ANSWER;
            case "ORIGINATOR_CANCEL" -> Disposition.CANCELLED;
            default -> Disposition.FAILED;
        };
        int sipCode = integer(v.get("sip_term_status"), switch (disposition) {
            case ANSWERED -> 200;
            case BUSY -> 486;
            case NO_ANSWER -> 480;
            case CANCELLED -> 487;
            case FAILED -> 500;
        });
        HangupSide side = switch (v.getOrDefault("sip_hangup_disposition", "")) {
            case "recv_bye", "recv_cancel" -> HangupSide.CALLER;
            case "send_bye", "send_cancel", "send_refuse" -> HangupSide.CALLEE;
            default -> HangupSide.UNKNOWN;
        };
        Direction direction = switch (v.getOrDefault("direction", "")) {
            case "inbound" -> Direction.INBOUND;
            case "outbound" -> Direction.OUTBOUND;
            default -> Direction.UNKNOWN;
        };
        Double packets = dbl(v.get("rtp_audio_in_packet_count"));
        Double lost = dbl(v.get("rtp_audio_in_skip_packet_count"));
        Double loss = packets == null || lost == null || packets + lost == 0 ? null : 100 * lost / (packets + lost);
        Quality in = new Quality(dbl(v.get("rtp_audio_in_mos")), dbl(v.get("rtp_audio_in_jitter_max_variance")), loss,
                null);
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : TAGGED) {
            String value = v.get(key);
            if (value != null && !value.isBlank()) {
                tags.put(key, value);
            }
        }
        String callId = v.get("sip_call_id");
        long billsec = integer(v.get("billsec"), 0);
        return new CallRecord(null, source, uuid, callId == null ? List.of() : List.of(callId), start, ring, answer,
                end, billsec, first(v, "caller_id_number", "sip_from_user"), null, v.get("caller_id_name"),
                first(v, "destination_number", "sip_to_user"), null, direction, null, null, null, disposition, sipCode,
                cause, side, v.get("read_codec"), in, Quality.NONE, tags);
    }

    private static String decode(String value) {
        if (value == null || value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return value;
        }
    }

    private static String required(Map<String, String> v, String key) {
        String value = v.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static String first(Map<String, String> v, String... keys) {
        for (String k : keys) {
            String value = v.get(k);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** @return the instant of a microsecond or second epoch variable; 0 means "never" */
    private static Instant epoch(Map<String, String> v, String micros, String seconds) {
        String us = v.get(micros);
        if (us != null && !us.isBlank()) {
            long value = parse(us, micros);
            return value == 0 ? null : Instant.ofEpochSecond(value / 1_000_000, (value % 1_000_000) * 1000);
        }
        String s = v.get(seconds);
        if (s != null && !s.isBlank()) {
            long value = parse(s, seconds);
            return value == 0 ? null : Instant.ofEpochSecond(value);
        }
        return null;
    }

    private static long parse(String text, String key) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not a number");
        }
    }

    private static int integer(String text, int fallback) {
        try {
            return text == null || text.isBlank() ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Double dbl(String text) {
        try {
            return text == null || text.isBlank() ? null : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
