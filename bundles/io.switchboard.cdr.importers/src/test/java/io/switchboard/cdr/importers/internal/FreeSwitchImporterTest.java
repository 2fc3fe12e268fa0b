package io.switchboard.cdr.importers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrImporter;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;

class FreeSwitchImporterTest {

    @Test
    void jsonCdrFieldByField() throws Exception {
        CollectingSink sink = read(new FreeSwitchJsonImporter(), "freeswitch-call.json");
        assertEquals(List.of(), sink.errors);
        CallRecord r = sink.records.get(0);
        assertEquals("fs:fs1", r.source());
        assertEquals("5c1a0b9e-7d1f-4c3b-9a1e-000000000001", r.sourceId());
        assertEquals(List.of("3c26700a8b5d-1ffe@203.0.113.10"), r.callIds());
        assertEquals(Instant.parse("2025-11-01T08:15:00.250Z"), r.start());
        assertEquals(Instant.parse("2025-11-01T08:15:01.750Z"), r.ring());
        assertEquals(1500, r.pddMillis());
        assertEquals(Instant.parse("2025-11-01T08:15:05Z"), r.answer());
        assertEquals(Instant.parse("2025-11-01T08:20:05Z"), r.end());
        assertEquals(300, r.billableSeconds());
        assertEquals("2025550100", r.caller());
        assertEquals("Alice Smith", r.callerName(), "URL-encoded values are decoded");
        assertEquals("+442079461234", r.callee());
        assertEquals(Direction.INBOUND, r.direction());
        assertEquals(Disposition.ANSWERED, r.disposition());
        assertEquals(200, r.sipCode());
        assertEquals("NORMAL_CLEARING", r.sipReason());
        assertEquals(HangupSide.CALLER, r.hangupSide());
        assertEquals("PCMA", r.codec());
        assertEquals(4.21, r.qualityA().mos());
        assertEquals(2.5, r.qualityA().jitterMs());
        assertEquals(0.3333, r.qualityA().lossPercent(), 0.001);
        assertEquals(Map.of("context", "public", "hangup_cause", "NORMAL_CLEARING", "sip_hangup_disposition",
                "recv_bye", "direction", "inbound"), r.tags());
    }

    @Test
    void oneObjectPerLineWithBadLinesReported() throws Exception {
        CollectingSink sink = read(new FreeSwitchJsonImporter(), "freeswitch-posts.ndjson");
        assertEquals(List.of(1L, 2L), sink.lines);
        CallRecord busy = sink.records.get(0);
        assertEquals(Disposition.BUSY, busy.disposition());
        assertEquals(486, busy.sipCode());
        assertNull(busy.answer());
        assertEquals(HangupSide.CALLEE, busy.hangupSide());
        CallRecord cancelled = sink.records.get(1);
        assertEquals(Disposition.CANCELLED, cancelled.disposition());
        assertEquals(487, cancelled.sipCode());
        assertEquals(List.of(3L, 4L, 5L), sink.errors.stream().map(e -> e.line()).toList());
        assertEquals("start_epoch 'soon' is not a number", sink.errors.get(0).message());
        assertTrue(sink.errors.get(1).message().contains("no \"variables\""));
        assertTrue(sink.errors.get(2).message().startsWith("not valid JSON"));
    }

    @Test
    void xmlCdrsWithABadRecord() throws Exception {
        CollectingSink sink = read(new FreeSwitchXmlImporter(), "freeswitch-cdrs.xml");
        assertEquals(1, sink.records.size());
        CallRecord r = sink.records.get(0);
        assertEquals("x-1", r.sourceId());
        assertEquals(List.of("abc@198.51.100.7"), r.callIds());
        assertEquals(Disposition.NO_ANSWER, r.disposition());
        assertEquals(480, r.sipCode());
        assertEquals(Direction.OUTBOUND, r.direction());
        assertEquals(1, sink.errors.size());
        assertEquals(2, sink.errors.get(0).line());
        assertEquals("no uuid", sink.errors.get(0).message());
    }

    @Test
    void xmlWithADoctypeIsRefused() throws Exception {
        CollectingSink sink = new CollectingSink();
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE cdr [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<cdr><variables><uuid>&x;</uuid></variables></cdr>";
        new FreeSwitchXmlImporter().read("fs", "evil.xml", new ByteArrayInputStream(evil.getBytes()), sink);
        assertTrue(sink.records.isEmpty());
        assertTrue(sink.errors.get(0).message().startsWith("not valid XML"), sink.errors.toString());
    }

    private CollectingSink read(CdrImporter importer, String file) throws Exception {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = getClass().getResourceAsStream("/samples/" + file)) {
            importer.read("fs:fs1", file, in, sink);
        }
        return sink;
    }
}
