package io.switchboard.cdr.importers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;

class AsteriskCsvImporterTest {

    @Test
    void readsGoodLinesAndReportsBadOnesWithTheirNumbers() throws Exception {
        CollectingSink sink = read();
        assertEquals(List.of(1L, 2L, 4L, 6L), sink.lines);
        assertEquals(3, sink.errors.size(), sink.errors.toString());
        assertEquals(3, sink.errors.get(0).line());
        assertEquals("start '2026-11-02 yesterday' is not a time (yyyy-MM-dd HH:mm:ss)", sink.errors.get(0).message());
        assertEquals(5, sink.errors.get(1).line());
        assertEquals("expected 16 to 21 fields (cdr_csv), found 5", sink.errors.get(1).message());
        assertEquals(7, sink.errors.get(2).line());
        assertTrue(sink.errors.get(2).message().startsWith("not valid CSV"), sink.errors.get(2).message());
    }

    @Test
    void mapsAnAnsweredCallFieldByField() throws Exception {
        CallRecord r = read().records.get(0);
        assertNull(r.id());
        assertEquals("asterisk:pbx1", r.source());
        assertEquals("1761984900.1", r.sourceId());
        assertEquals(Instant.parse("2026-11-01T08:15:00Z"), r.start());
        assertEquals(Instant.parse("2026-11-01T08:15:05Z"), r.answer());
        assertEquals(Instant.parse("2026-11-01T08:20:05Z"), r.end());
        assertNull(r.ring());
        assertEquals(300, r.billableSeconds());
        assertEquals(305, r.durationSeconds());
        assertEquals("2025550100", r.caller());
        assertEquals("Alice Smith", r.callerName());
        assertEquals("02079461234", r.callee());
        assertEquals(Disposition.ANSWERED, r.disposition());
        assertEquals(200, r.sipCode());
        assertEquals("ANSWERED", r.sipReason());
        assertEquals(Direction.UNKNOWN, r.direction());
        assertEquals(Map.of("accountcode", "acme", "dcontext", "from-internal", "channel", "PJSIP/alice-00000001",
                "dstchannel", "PJSIP/carrier-a-00000002", "lastapp", "Dial", "lastdata",
                "PJSIP/02079461234@carrier-a,60", "amaflags", "DOCUMENTATION"), r.tags());
    }

    @Test
    void mapsDispositionsAndGivesLinesWithoutUniqueidAStableId() throws Exception {
        List<CallRecord> records = read().records;
        assertEquals(Disposition.BUSY, records.get(1).disposition());
        assertEquals(486, records.get(1).sipCode());
        assertEquals("Bob", records.get(1).callerName());
        assertNull(records.get(1).answer());
        assertEquals(Disposition.NO_ANSWER, records.get(2).disposition());
        assertEquals(480, records.get(2).sipCode());
        CallRecord congested = records.get(3);
        assertEquals(Disposition.FAILED, congested.disposition());
        assertEquals(503, congested.sipCode());
        assertTrue(congested.sourceId().startsWith("sha256:"), congested.sourceId());
        assertEquals(congested.sourceId(), read().records.get(3).sourceId(), "the same line, the same id");
    }

    private CollectingSink read() throws Exception {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = getClass().getResourceAsStream("/samples/Master.csv")) {
            new AsteriskCsvImporter().read("asterisk:pbx1", "Master.csv", in, sink);
        }
        return sink;
    }
}
