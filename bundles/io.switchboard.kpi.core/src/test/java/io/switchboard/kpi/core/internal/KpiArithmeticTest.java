package io.switchboard.kpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.Quality;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.Kpis;
import io.switchboard.kpi.api.QueueKpis;
import io.switchboard.kpi.api.Scope;

/** Each KPI's definition on records written by hand, through the rollup table on an H2 file. */
class KpiArithmeticTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @TempDir
    Path dir;

    private RollupTable table;
    /** The zone the daily rollups were written in: the server's */
    private ZoneId serverZone = UTC;

    @BeforeEach
    void table() throws Exception {
        table = new RollupTable(Databases.h2(dir));
    }

    @Test
    void asrAcdNerOfAnsweredBusyUnansweredAndFailedCalls() {
        store(UTC, Calls.at("2026-11-20T10:00:00Z").answered(1000, 60),
                Calls.at("2026-11-20T10:01:00Z").answered(1000, 120),
                Calls.at("2026-11-20T10:02:00Z").failed(Disposition.BUSY, 486, null),
                Calls.at("2026-11-20T10:03:00Z").failed(Disposition.NO_ANSWER, 480, 900L),
                Calls.at("2026-11-20T10:04:00Z").failed(Disposition.FAILED, 503, null),
                Calls.at("2026-11-20T10:05:00Z").failed(Disposition.FAILED, 404, null),
                Calls.at("2026-11-20T10:06:00Z").failed(Disposition.CANCELLED, 487, null));
        Kpis k = total(Scope.ALL, null, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z");
        assertEquals(7, k.attempts());
        assertEquals(2, k.answered());
        assertEquals(28.57, k.asr(), "2 of 7 answered");
        assertEquals(90.0, k.acdSeconds(), "(60 + 120) / 2 answered");
        assertEquals(57.14, k.ner(), "answered 2 + busy + no answer after ringing, of 7: not 503, 404, nor a "
                + "cancel before ringing");
    }

    @Test
    void noAttemptsGiveNoRatiosAndSaySo() {
        KpiReport r = report(Scope.ALL, null, Granularity.HOUR, "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z", UTC);
        Kpis k = r.series().get(0).total();
        assertEquals(0, k.attempts());
        assertNull(k.asr());
        assertNull(k.acdSeconds());
        assertNull(k.ner());
        assertNull(k.pddMedianMs());
        assertNull(k.mosMean());
        assertEquals(2, r.series().get(0).buckets().size(), "every bucket is there, empty");
        assertEquals(List.of("No calls in this window"), r.notes());
        KpiReport trunk = report(Scope.TRUNK, "carrier-z", Granularity.HOUR, "2026-11-20T10:00:00Z",
                "2026-11-20T12:00:00Z", UTC);
        assertEquals(List.of("No calls of trunk carrier-z in this window"), trunk.notes());
    }

    @Test
    void allFailedCallsHaveZeroAsrAndNoAcd() {
        store(UTC, Calls.at("2026-11-20T10:00:00Z").failed(Disposition.FAILED, 503, null),
                Calls.at("2026-11-20T10:00:10Z").failed(Disposition.FAILED, 500, 700L));
        Kpis k = total(Scope.ALL, null, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z");
        assertEquals(0.0, k.asr());
        assertEquals(0.0, k.ner());
        assertNull(k.acdSeconds());
        assertEquals(725L, k.pddMedianMs(), "the one that rang: its 50 ms bin's middle");
    }

    @Test
    void pddMedianAndP95AndQualityOfTheWorseDirection() {
        Calls[] calls = new Calls[20];
        for (int i = 0; i < 20; i++) {
            double mos = i == 0 ? 2.2 : 4.2; // one bad call in twenty: the 5th percentile is it
            calls[i] = Calls.at("2026-11-20T10:00:" + (10 + i) + "Z").answered(1000 + i * 100, 30)
                    .quality(new Quality(mos + 0.1, 3.0, 0.5, 20.0), new Quality(mos, 8.0, 1.5, 20.0));
        }
        store(UTC, calls);
        Kpis k = total(Scope.ALL, null, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z");
        assertEquals(1925L, k.pddMedianMs(), "10th of 1000..2900 ms is 1900: its bin's middle");
        assertEquals(2825L, k.pddP95Ms(), "19th is 2800");
        assertEquals(20, k.measured());
        assertEquals(4.1, k.mosMean(), "the worse direction's: (2.2 + 19 * 4.2) / 20");
        assertEquals(2.225, k.mosP5(), "the bad call's bin (2.20-2.25) middle");
        assertEquals(8.0, k.jitterMs());
        assertEquals(1.5, k.lossPercent());
    }

    @Test
    void aWindowsTotalOverWholeDaysEqualsItsBuckets() {
        // a call an hour for four days, its post-dial delay following the hour of the day
        Calls[] calls = new Calls[96];
        for (int h = 0; h < 96; h++) {
            calls[h] = Calls.at(Instant.parse("2026-11-20T00:00:30Z").plusSeconds(3600L * h).toString())
                    .answered(1000 + (h % 24) * 100, 30);
        }
        store(UTC, calls);
        // noon to noon: two whole days (their daily rollups) and two half days (their hours)
        KpiReport r = report(Scope.ALL, null, Granularity.HOUR, "2026-11-20T12:00:00Z", "2026-11-23T12:00:00Z", UTC);
        KpiSeries s = r.series().get(0);
        assertEquals(72, s.total().attempts());
        assertEquals(72, s.buckets().stream().mapToLong(b -> b.kpis().attempts()).sum());
        assertEquals(2125L, s.total().pddMedianMs(), "each of 1000..3300 ms three times: the 36th is 2100");
        assertEquals(3225L, s.total().pddP95Ms(), "the 69th is 3200");
        assertEquals(30.0, s.total().acdSeconds());
    }

    @Test
    void answeredCallsWithoutQualitySayWhy() {
        store(UTC, Calls.at("2026-11-20T10:00:00Z").answered(500, 10));
        KpiReport r = report(Scope.ALL, null, Granularity.HOUR, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", UTC);
        assertNull(r.series().get(0).total().mosMean());
        assertTrue(r.notes().get(0).contains("media relay is off"), r.notes().toString());
    }

    @Test
    void importedRecordsCountLikeTheSwitchsOwnWithTheirAccountTag() {
        store(UTC, Calls.imported("asterisk:pbx1", "2026-11-20T10:00:00Z").answered(800, 30).trunks(null, "carrier-b")
                .tag("account", "1001"), Calls.at("2026-11-20T10:00:30Z").answered(800, 30).trunks(null, "carrier-b")
                .caller("bob"));
        assertEquals(2, total(Scope.TRUNK, "carrier-b", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z").attempts());
        assertEquals(1, total(Scope.USER, "1001", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z").attempts());
        assertEquals(1, total(Scope.USER, "bob", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z").attempts());
    }

    @Test
    void scopesTransitOnBothTrunksDidAndDestinations() {
        table = this.table;
        Rollup rollup = new Rollup(new Days(UTC));
        Destinations destinations = new Destinations(List.of("+44870"));
        rollup.add(Facts.of(Calls.at("2026-11-20T10:00:00Z").trunks("carrier-a", "carrier-b").caller("+12025550100")
                .callee("+448701234567").record(), destinations));
        rollup.add(Facts.of(Calls.at("2026-11-20T10:00:00Z").trunks("carrier-a", null).inbound("+12125550199")
                .record(), destinations));
        rollup.flush(table);
        String from = "2026-11-20T10:00:00Z";
        String to = "2026-11-20T11:00:00Z";
        assertEquals(2, total(Scope.TRUNK, "carrier-a", from, to).attempts());
        assertEquals(1, total(Scope.TRUNK, "carrier-b", from, to).attempts(), "a transit call counts on both trunks");
        assertEquals(1, total(Scope.DID, "+12125550199", from, to).attempts());
        assertEquals(1, total(Scope.DESTINATION, "+44870", from, to).attempts(), "the configured prefix wins");
        assertEquals(0, total(Scope.DESTINATION, "+44", from, to).attempts());
        assertEquals(1, total(Scope.DESTINATION, "+1", from, to).attempts());
        assertEquals(0, total(Scope.USER, "+12025550100", from, to).attempts(), "a call from a trunk has no user");
        assertNull(total(Scope.DID, "+12125550199", from, to).peakConcurrent(), "DIDs have no peaks");
        assertEquals(1, total(Scope.TRUNK, "carrier-b", from, to).peakConcurrent());
        IllegalArgumentException fine = Assertions.assertThrows(IllegalArgumentException.class,
                () -> report(Scope.USER, null, Granularity.FIVE_MINUTES, from, to, UTC));
        assertTrue(fine.getMessage().contains("users start at hourly buckets"), fine.getMessage());
        KpiReport byTrunk = report(Scope.TRUNK, null, Granularity.HOUR, from, to, UTC);
        assertEquals(List.of("carrier-a", "carrier-b"), byTrunk.series().stream().map(KpiSeries::key).toList(),
                "every trunk, the busiest first");
    }

    @Test
    void peaksOfCallsInProgressAndStartedPerSecond() {
        store(UTC, Calls.at("2026-11-20T10:00:00Z").answered(1000, 600), // 10:00:00 .. 10:10:03
                Calls.at("2026-11-20T10:04:00Z").answered(1000, 30),
                Calls.at("2026-11-20T10:04:00Z").failed(Disposition.FAILED, 503, null),
                Calls.at("2026-11-20T10:07:00Z").answered(1000, 30));
        KpiReport r = report(Scope.ALL, null, Granularity.FIVE_MINUTES, "2026-11-20T10:00:00Z", "2026-11-20T10:15:00Z",
                UTC);
        List<Kpis> b = r.series().get(0).buckets().stream().map(x -> x.kpis()).toList();
        assertEquals(3, b.get(0).peakConcurrent(), "the long call and both at 10:04:00");
        assertEquals(2, b.get(0).peakCps());
        assertEquals(2, b.get(1).peakConcurrent(), "the long call and the one at 10:07");
        assertEquals(1, b.get(2).peakConcurrent(), "the long call goes on into 10:10, with no attempt there");
        assertEquals(0, b.get(2).attempts());
        Kpis hour = total(Scope.ALL, null, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z");
        assertEquals(3, hour.peakConcurrent(), "the hour's peak is its highest 5 minutes'");
        // The same calls stored in two goes give the same peaks: per-second figures add up across writes.
        store(UTC, Calls.at("2026-11-20T10:04:00Z").failed(Disposition.FAILED, 503, null));
        assertEquals(4, total(Scope.ALL, null, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z").peakConcurrent());
        assertEquals(3, total(Scope.ALL, null, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z").peakCps());
    }

    @Test
    void daysAndHoursAcrossTheAutumnDaylightSavingChange() {
        ZoneId paris = ZoneId.of("Europe/Paris"); // 2026-10-25 03:00 CEST becomes 02:00 CET: a 25-hour day
        store(paris, Calls.at("2026-10-24T22:30:00Z").answered(500, 10), // 00:30 local, the 25th
                Calls.at("2026-10-25T00:30:00Z").answered(500, 10), // 02:30 CEST
                Calls.at("2026-10-25T01:30:00Z").answered(500, 10), // 02:30 CET
                Calls.at("2026-10-25T22:30:00Z").answered(500, 10)); // 23:30 CET, still the 25th
        KpiReport days = report(Scope.ALL, null, Granularity.DAY, "2026-10-24T00:00", "2026-10-27T00:00", paris);
        List<Long> perDay = days.series().get(0).buckets().stream().map(x -> x.kpis().attempts()).toList();
        assertEquals(List.of(0L, 4L, 0L), perDay, "all four on the 25th, Paris time");
        assertEquals("2026-10-25T00:00+02:00", days.series().get(0).buckets().get(1).start().toString());
        assertEquals("2026-10-26T00:00+01:00", days.series().get(0).buckets().get(2).start().toString());
        assertEquals("Europe/Paris", days.zone());
        KpiReport hours = report(Scope.ALL, null, Granularity.HOUR, "2026-10-25T02:00", "2026-10-25T03:00", paris);
        List<String> starts = hours.series().get(0).buckets().stream().map(x -> x.start().toString()).toList();
        assertEquals(List.of("2026-10-25T02:00+02:00", "2026-10-25T02:00+01:00"), starts,
                "02:00 comes twice, told apart by its offset");
        assertEquals(List.of(1L, 1L), hours.series().get(0).buckets().stream().map(x -> x.kpis().attempts()).toList());
        // The same days asked for in UTC come from the hourly rollups: the 24th holds the first call.
        KpiReport utcDays = report(Scope.ALL, null, Granularity.DAY, "2026-10-24T00:00", "2026-10-27T00:00", UTC);
        assertEquals(List.of(1L, 3L, 0L), utcDays.series().get(0).buckets().stream().map(x -> x.kpis().attempts())
                .toList());
        // India is 5:30 ahead: its hours are summed from 5-minute rollups.
        KpiReport kolkata = report(Scope.ALL, null, Granularity.HOUR, "2026-10-25T06:00", "2026-10-25T07:00",
                ZoneId.of("Asia/Kolkata"));
        assertEquals(1, kolkata.series().get(0).total().attempts(), "00:30 UTC is 06:00 in Kolkata");
    }

    @Test
    void aQueuesMorningGivesTheFiguresCountedByHand() {
        store(UTC, Calls.at("2026-11-20T10:00:00Z").queue("600", "answered", 15L, 75),
                Calls.at("2026-11-20T10:05:00Z").queue("600", "answered", 40L, 100),
                Calls.at("2026-11-20T10:10:00Z").queue("600", "abandoned", null, 3),
                Calls.at("2026-11-20T10:15:00Z").queue("600", "abandoned", null, 30),
                Calls.at("2026-11-20T10:20:00Z").queue("600", "overflowed", null, 2),
                Calls.at("2026-11-20T10:25:00Z").queue("600", "callback", null, 8),
                Calls.at("2026-11-20T11:00:00Z").queue("600", "answered", 5L, 125),
                Calls.at("2026-11-20T11:10:00Z").queue("601", "answered", 1L, 50),
                Calls.at("2026-11-20T11:20:00Z").answered(1000, 60));
        KpiReport r = report(Scope.QUEUE, "600", Granularity.HOUR, "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z",
                UTC);
        QueueKpis q = r.series().get(0).total().queue();
        assertEquals(7, q.offered(), "queue 601's caller and the call that waited in no queue are not counted");
        assertEquals(3, q.agentAnswered());
        assertEquals(2, q.answeredInTarget(), "15 s and 5 s within 20 s; 40 s not");
        assertEquals(1, q.abandoned(), "30 s");
        assertEquals(1, q.shortAbandoned(), "3 s, under 5 s");
        assertEquals(1, q.overflowed());
        assertEquals(1, q.callbacks());
        assertEquals(50.0, q.serviceLevel(), "2 in target of 3 answered and 1 abandoned");
        assertEquals(22.5, q.averageWaitSeconds(), "(15 + 40 + 5 + 30) / 4: the short abandon apart");
        assertEquals(40, q.longestWaitSeconds());
        assertEquals(80.0, q.averageHandleSeconds(), "(60 + 60 + 120) / 3");
        assertEquals(6, r.series().get(0).buckets().get(0).kpis().queue().offered(), "10:00 to 11:00");
        assertEquals(100.0, r.series().get(0).buckets().get(1).kpis().queue().serviceLevel(), "11:00: 5 s");
        assertEquals(1.0, r.series().get(0).total().value("shortAbandoned"), "figures by name, for widgets");

        KpiReport laxer = new KpiReader(table).read(new KpiQuery(Scope.QUEUE, "600", Granularity.HOUR,
                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T12:00:00Z"), UTC, 100),
                new KpiReader.Context(UTC, 0, false, false, 45, 2));
        QueueKpis lax = laxer.series().get(0).total().queue();
        assertEquals(60.0, lax.serviceLevel(), "the queues' thresholds when read: 3 answered within 45 s of 3 answered "
                + "and 2 abandoned, 3 s being no short abandon under 2 s");
        assertEquals(0, lax.shortAbandoned(), "3 s is no short abandon under 2 s");
        assertEquals(2, lax.abandoned());
        assertEquals(45, lax.serviceLevelSeconds());
        assertNull(total(Scope.ALL, null, "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z").queue(),
                "only the queue scope has a queue's figures");
        assertNull(total(Scope.ALL, null, "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z").value("serviceLevel"));
    }

    private void store(ZoneId zone, Calls... calls) {
        serverZone = zone;
        Rollup rollup = new Rollup(new Days(zone));
        Destinations destinations = new Destinations(List.of());
        for (Calls c : calls) {
            rollup.add(Facts.of(c.record(), destinations));
        }
        rollup.flush(table);
    }

    private Kpis total(Scope scope, String key, String from, String to) {
        return report(scope, key, Granularity.HOUR, from, to, UTC).series().get(0).total();
    }

    private KpiReport report(Scope scope, String key, Granularity g, String from, String to, ZoneId zone) {
        Instant f = QueryArgs.time("from", from, zone, Instant.now());
        Instant t = QueryArgs.time("to", to, zone, Instant.now());
        return new KpiReader(table).read(new KpiQuery(scope, key, g, f, t, zone, 100),
                new KpiReader.Context(serverZone, 0, false, false));
    }
}
