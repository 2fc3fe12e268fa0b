package io.switchboard.cdr.importers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrImporter;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;

class CucmAndKamailioImporterTest {

    @Test
    void cucmSkipsTypesLineAndCmrsAndMapsCauses() throws Exception {
        CollectingSink sink = read(new CucmImporter(), "cucm_cdr.csv");
        assertEquals(List.of(3L, 4L), sink.lines);
        CallRecord answered = sink.records.get(0);
        assertEquals("a1b2c3d4-0001-0000-0000-000000000001", answered.sourceId());
        assertEquals(Instant.parse("2026-11-01T08:15:00Z"), answered.start());
        assertEquals(Instant.parse("2026-11-01T08:15:05Z"), answered.answer());
        assertEquals(Instant.parse("2026-11-01T08:20:05Z"), answered.end());
        assertEquals(300, answered.billableSeconds());
        assertEquals("2001", answered.caller());
        assertEquals("2002", answered.callee());
        assertEquals(Disposition.ANSWERED, answered.disposition());
        assertEquals(200, answered.sipCode());
        assertEquals(HangupSide.CALLER, answered.hangupSide());
        assertEquals("PCMU", answered.codec());
        assertEquals(Map.of("globalCallID_callManagerId", "1", "globalCallID_callId", "20001", "origDeviceName",
                "SEP001122334455", "destDeviceName", "SEP665544332211", "callingPartyNumberPartition", "Internal",
                "finalCalledPartyNumberPartition", "Internal", "origCause_value", "16", "originalCalledPartyNumber",
                "2002"), answered.tags());
        CallRecord busy = sink.records.get(1);
        assertEquals(Disposition.BUSY, busy.disposition());
        assertEquals(486, busy.sipCode());
        assertEquals("PCMA", busy.codec());
        assertNull(busy.answer());
        assertEquals(2, sink.errors.size(), sink.errors.toString());
        assertEquals(6, sink.errors.get(0).line());
        assertEquals("dateTimeOrigination 'never' is not a number", sink.errors.get(0).message());
        assertEquals(7, sink.errors.get(1).line());
        assertEquals("expected 19 fields as in the header, found 3", sink.errors.get(1).message());
    }

    @Test
    void kamailioPairsInviteAndByeByCallId() throws Exception {
        CollectingSink sink = read(new KamailioAccImporter(), "kamailio_acc.csv");
        assertEquals(List.of(2L, 3L, 8L), sink.lines);
        CallRecord answered = sink.records.get(0);
        assertEquals("call-1@10.0.0.5;ft1", answered.sourceId());
        assertEquals(List.of("call-1@10.0.0.5"), answered.callIds());
        assertEquals(Instant.parse("2026-11-01T08:15:00Z"), answered.start());
        assertEquals(Instant.parse("2026-11-01T08:20:00Z"), answered.end());
        assertEquals(300, answered.billableSeconds());
        assertEquals("2025550100", answered.caller());
        assertEquals("+442079461234", answered.callee());
        assertEquals(HangupSide.CALLEE, answered.hangupSide(), "the BYE came from the callee's tag");
        assertEquals(Map.of("src_ip", "203.0.113.10", "from_tag", "ft1", "to_tag", "tt1"), answered.tags());
        CallRecord busy = sink.records.get(1);
        assertEquals(Disposition.BUSY, busy.disposition());
        assertEquals("Busy Here", busy.sipReason());
        CallRecord open = sink.records.get(2);
        assertEquals(Instant.parse("2026-11-01T10:00:00Z"), open.start());
        assertEquals("no BYE in the file", open.tags().get("open"));
        assertEquals(List.of(5L, 6L), sink.errors.stream().map(e -> e.line()).toList());
        assertEquals("BYE without an INVITE for Call-ID call-9@10.0.0.5", sink.errors.get(0).message());
        assertEquals("sip_code 'abc' is not a SIP status code", sink.errors.get(1).message());
    }

    private CollectingSink read(CdrImporter importer, String file) throws Exception {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = getClass().getResourceAsStream("/samples/" + file)) {
            importer.read("test", file, in, sink);
        }
        return sink;
    }
}
