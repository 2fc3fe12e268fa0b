package io.switchboard.cdr.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;

class RecordFitTest {

    @Test
    void aRecordThatFitsIsLeftAlone() {
        CallRecord r = record("+442071110002", "call-1@host", "switchboard-1");
        assertSame(r, RecordFit.fit(r));
    }

    @Test
    void oversizedFieldsAreCutAndNamed() {
        String digits = "1".repeat(200);
        String callId = "c".repeat(300) + "@host";
        CallRecord fitted = RecordFit.fit(record(digits, callId, "id-" + "x".repeat(400)));
        assertEquals(RecordFit.NUMBER, fitted.callee().length());
        assertEquals(digits.substring(0, RecordFit.NUMBER), fitted.callee());
        assertEquals(callId, fitted.callIds().get(0), "one long Call-ID still fits the joined column");
        assertTrue(fitted.sourceId().length() <= RecordFit.SOURCE_ID, fitted.sourceId());
        assertEquals("sourceId,callee", fitted.tags().get(RecordFit.TAG));
        assertEquals("kept", fitted.tags().get("target"));

        CallRecord other = RecordFit.fit(record(digits, callId, "id-" + "x".repeat(399) + "y"));
        assertNotEquals(fitted.sourceId(), other.sourceId(), "ids differing past the cut stay different");
    }

    @Test
    void manyCallIdsShareTheColumn() {
        List<String> ids = IntStream.range(0, 10).mapToObj(i -> i + "-" + "z".repeat(400)).toList();
        CallRecord r = new CallRecord(null, "switchboard", "s1", ids, Instant.EPOCH, null, null, Instant.EPOCH, 0,
                "a", null, null, "b", null, Direction.INTERNAL, null, null, null, Disposition.FAILED, 404, "x",
                HangupSide.SYSTEM, null, null, null, Map.of());
        CallRecord fitted = RecordFit.fit(r);
        assertTrue(String.join(" ", fitted.callIds()).length() <= RecordFit.CALL_IDS);
        assertEquals("callIds", fitted.tags().get(RecordFit.TAG));
    }

    private static CallRecord record(String callee, String callId, String sourceId) {
        return new CallRecord(null, "switchboard", sourceId, List.of(callId, "b-leg@us"), Instant.EPOCH, null,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(5), 5, "alice", null, "Alice", callee, null,
                Direction.OUTBOUND, null, "carrier", null, Disposition.ANSWERED, 200, "OK", HangupSide.CALLER, "PCMU",
                null, null, Map.of("target", "kept"));
    }
}
