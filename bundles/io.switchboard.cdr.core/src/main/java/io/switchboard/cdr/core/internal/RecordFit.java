package io.switchboard.cdr.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.cdr.api.CallRecord;

/**
 * Cuts a record's text fields to what every store keeps (the columns of the CDR table), before it
 * is stored or indexed: a 200-digit number sent by a trunk must cost its record a few digits, not
 * fail the batch it is in. A record that was cut says so in its tag {@value #TAG}, which names the
 * fields. A source id too long is shortened with a hash of the whole, so that it stays unique.
 */
final class RecordFit {

    static final String TAG = "truncated";
    static final int SOURCE = 64;
    static final int SOURCE_ID = 255;
    static final int CALL_IDS = 2000;
    static final int NUMBER = 128;
    static final int E164 = 32;
    static final int NAME = 128;
    static final int TRUNK = 64;
    static final int REASON = 255;
    static final int CODEC = 32;
    /** The tags column holds 8,000 characters of JSON; each value is kept well inside it. */
    static final int TAG_VALUE = 500;
    static final int TAGS = 40;

    private RecordFit() {
    }

    /** @return the record itself when it fits, else a copy cut to fit and tagged */
    static CallRecord fit(CallRecord r) {
        List<String> cut = new ArrayList<>();
        String source = cut(r.source(), SOURCE, "source", cut);
        String sourceId = r.sourceId().length() <= SOURCE_ID ? r.sourceId()
                : r.sourceId().substring(0, SOURCE_ID - 17) + "~" + sha256(r.sourceId()).substring(0, 16);
        if (sourceId != r.sourceId()) {
            cut.add("sourceId");
        }
        List<String> callIds = callIds(r.callIds(), cut);
        String caller = cut(r.caller(), NUMBER, "caller", cut);
        String callerE164 = cut(r.callerE164(), E164, "callerE164", cut);
        String callerName = cut(r.callerName(), NAME, "callerName", cut);
        String callee = cut(r.callee(), NUMBER, "callee", cut);
        String calleeE164 = cut(r.calleeE164(), E164, "calleeE164", cut);
        String trunkIn = cut(r.trunkIn(), TRUNK, "trunkIn", cut);
        String trunkOut = cut(r.trunkOut(), TRUNK, "trunkOut", cut);
        String did = cut(r.did(), TRUNK, "did", cut);
        String reason = cut(r.sipReason(), REASON, "sipReason", cut);
        String codec = cut(r.codec(), CODEC, "codec", cut);
        Map<String, String> tags = tags(r.tags(), cut);
        if (cut.isEmpty()) {
            return r;
        }
        tags.put(TAG, String.join(",", cut));
        return new CallRecord(r.id(), source, sourceId, callIds, r.start(), r.ring(), r.answer(), r.end(),
                r.billableSeconds(), caller, callerE164, callerName, callee, calleeE164, r.direction(), trunkIn,
                trunkOut, did, r.disposition(), r.sipCode(), reason, r.hangupSide(), codec, r.qualityA(),
                r.qualityB(), tags);
    }

    private static String cut(String value, int max, String field, List<String> cut) {
        if (value == null || value.length() <= max) {
            return value;
        }
        cut.add(field);
        return value.substring(0, max);
    }

    /** Call-IDs joined by spaces fit the column: each is cut to its share. */
    private static List<String> callIds(List<String> ids, List<String> cut) {
        int joined = ids.stream().mapToInt(String::length).sum() + Math.max(0, ids.size() - 1);
        if (joined <= CALL_IDS) {
            return ids;
        }
        cut.add("callIds");
        int each = Math.max(1, CALL_IDS / Math.max(1, ids.size()) - 1);
        return ids.stream().limit(CALL_IDS / 2).map(id -> id.length() <= each ? id : id.substring(0, each)).toList();
    }

    private static Map<String, String> tags(Map<String, String> tags, List<String> cut) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean shortened = false;
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (out.size() == TAGS) {
                shortened = true;
                break;
            }
            String key = e.getKey().length() <= 64 ? e.getKey() : e.getKey().substring(0, 64);
            String value = e.getValue() == null || e.getValue().length() <= TAG_VALUE ? e.getValue()
                    : e.getValue().substring(0, TAG_VALUE);
            shortened |= key != e.getKey() || value != e.getValue();
            out.put(key, value);
        }
        if (shortened) {
            cut.add("tags");
        }
        return out;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
