package io.switchboard.cdr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;

class DemoCallsTest {

    private final DemoCalls demo = new DemoCalls(42, Instant.parse("2026-11-01T00:00:00Z"), 7);

    @Test
    void repeatableAndUnique() {
        assertEquals(demo.call(17), demo.call(17));
        assertNotEquals(demo.call(17).sourceId(), demo.call(18).sourceId());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(ids.add(demo.call(i).sourceId()));
        }
    }

    @Test
    void proportionsAndShapeLookReal() {
        Map<Disposition, Integer> byDisposition = new EnumMap<>(Disposition.class);
        int[] byHour = new int[24];
        int n = 20_000;
        int badAudio = 0;
        int answered = 0;
        for (int i = 0; i < n; i++) {
            CallRecord r = demo.call(i);
            byDisposition.merge(r.disposition(), 1, Integer::sum);
            byHour[r.start().atOffset(ZoneOffset.UTC).getHour()]++;
            assertTrue(!r.start().isBefore(Instant.parse("2026-11-01T00:00:00Z"))
                    && r.start().isBefore(Instant.parse("2026-11-08T00:00:00Z")), r.start().toString());
            assertTrue(r.end().isAfter(r.start()));
            assertTrue(r.calleeE164().matches("\\+[1-9]\\d{7,14}"), r.calleeE164());
            if (r.disposition() == Disposition.ANSWERED) {
                answered++;
                assertEquals(200, r.sipCode());
                assertTrue(r.billableSeconds() > 0 && r.mos() != null);
                badAudio += r.mos() < 3.5 ? 1 : 0;
            } else {
                assertEquals(0, r.billableSeconds());
            }
        }
        double asr = byDisposition.get(Disposition.ANSWERED) / (double) n;
        assertTrue(asr > 0.58 && asr < 0.66, "ASR " + asr);
        assertTrue(byDisposition.get(Disposition.BUSY) > n * 0.06);
        assertTrue(byHour[10] > 8 * byHour[3], "office hours are busier than the night");
        double bad = badAudio / (double) answered;
        assertTrue(bad > 0.02 && bad < 0.2, "share of calls with MOS below 3.5: " + bad);
    }

    @Test
    void inTimeOrderEachCallStartsNoEarlierThanTheOneBeforeWithTheSameDailyShape() {
        int n = 20_000;
        DemoCalls ordered = DemoCalls.inTimeOrder(42, Instant.parse("2026-11-01T00:00:00Z"), 7, n);
        int[] byHour = new int[24];
        int[] byDay = new int[7];
        Instant previous = Instant.MIN;
        for (int i = 0; i < n; i++) {
            CallRecord r = ordered.call(i);
            assertTrue(!r.start().isBefore(previous), "call " + i + " starts at " + r.start() + ", before " + previous);
            assertTrue(r.start().isBefore(Instant.parse("2026-11-08T00:00:00Z")), r.start().toString());
            previous = r.start();
            byHour[r.start().atOffset(ZoneOffset.UTC).getHour()]++;
            byDay[r.start().atOffset(ZoneOffset.UTC).getDayOfMonth() - 1]++;
        }
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), ordered.call(0).start().truncatedTo(ChronoUnit.DAYS));
        assertTrue(byHour[10] > 8 * byHour[3], "office hours are busier than the night");
        for (int d : byDay) {
            assertTrue(Math.abs(d - n / 7) < n / 70, "each day about as busy: " + Arrays.toString(byDay));
        }
        assertEquals(demo.call(5).sourceId(), DemoCalls.inTimeOrder(42, Instant.EPOCH, 1, 10).call(5).sourceId(),
                "the same source ids as the sequence at random times");
    }
}
