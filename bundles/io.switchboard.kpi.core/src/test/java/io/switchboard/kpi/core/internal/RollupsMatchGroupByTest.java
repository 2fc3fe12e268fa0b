package io.switchboard.kpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.Quality;
import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.KpiQuery;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.Kpis;
import io.switchboard.kpi.api.Scope;
import io.switchboard.testing.Postgres;

/**
 * The hourly rollups per trunk equal a SQL GROUP BY over a raw table of the same records, on an H2
 * file and on PostgreSQL; the records are written in several batches, as the switch hands them over.
 */
class RollupsMatchGroupByTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final int RECORDS = 12_000;

    @TempDir
    Path dir;

    @Test
    void onH2() throws Exception {
        check(Databases.h2(dir));
    }

    @Test
    void onPostgres() throws Exception {
        try (Postgres pg = Postgres.freshSchema()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(pg.url());
            ds.setUser(Postgres.USER);
            check(Databases.migrated(ds));
        }
    }

    private static void check(DataSource ds) throws Exception {
        List<CallRecord> records = records();
        RollupTable table = new RollupTable(ds);
        Destinations destinations = new Destinations(List.of());
        Rollup rollup = new Rollup(new Days(ZoneOffset.UTC));
        for (int i = 0; i < records.size(); i++) {
            rollup.add(Facts.of(records.get(i), destinations));
            if (i % 1000 == 999) {
                rollup.flush(table);
            }
        }
        rollup.flush(table);
        raw(ds, records);

        Map<String, long[]> grouped = new HashMap<>();
        Map<String, double[]> measures = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT trunk, start_ms / 3600000 * 3600 AS bucket, COUNT(*), "
                        + "SUM(CASE WHEN disposition = 'ANSWERED' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN disposition IN ('ANSWERED', 'BUSY') OR sip_code IN (486, 600, 603) "
                        + "OR (ring_ms IS NOT NULL AND (disposition IN ('NO_ANSWER', 'CANCELLED') "
                        + "OR sip_code IN (480, 408, 487))) THEN 1 ELSE 0 END), "
                        + "SUM(billable), COUNT(mos), AVG(mos), "
                        + "AVG(jitter) "
                        + "FROM raw_calls GROUP BY trunk, start_ms / 3600000 * 3600")) {
            while (rs.next()) {
                String k = rs.getString(1) + "@" + rs.getLong(2);
                grouped.put(k, new long[] { rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7) });
                measures.put(k, new double[] { rs.getDouble(8), rs.getDouble(9) });
            }
        }
        // Percentiles by nearest rank over the raw values in SQL order (H2's and PostgreSQL's
        // PERCENTILE_DISC do not rank alike)
        Map<String, List<Double>> pdd = sorted(ds, "COALESCE(ring_ms, answer_ms) - start_ms");
        Map<String, List<Double>> mos = sorted(ds, "mos");
        KpiQuery query = new KpiQuery(Scope.TRUNK, null, Granularity.HOUR, FROM, FROM.plusSeconds(3 * 86_400),
                ZoneOffset.UTC, 100);
        KpiReader.Context context = new KpiReader.Context(ZoneOffset.UTC, 0, true, false);
        KpiReport report = new KpiReader(table, 3).read(query, context);
        assertEquals(new KpiReader(table, 1).read(query, context), report, "read in three parts as in one");
        int compared = 0;
        for (KpiSeries s : report.series()) {
            for (KpiBucket b : s.buckets()) {
                Kpis k = b.kpis();
                String key = s.key() + "@" + b.start().toEpochSecond();
                long[] g = grouped.get(key);
                if (g == null) {
                    assertEquals(0, k.attempts(), key);
                    continue;
                }
                compared++;
                double[] m = measures.get(key);
                assertEquals(g[0], k.attempts(), key + " attempts");
                assertEquals(g[1], k.answered(), key + " answered");
                assertEquals(KpiMath.round(100.0 * g[2] / g[0]), k.ner(), key + " NER");
                assertEquals(g[1] == 0 ? null : KpiMath.round((double) g[3] / g[1]), k.acdSeconds(), key + " ACD");
                assertEquals(g[4], k.measured(), key + " measured");
                if (g[4] > 0) {
                    assertEquals(m[0], k.mosMean(), 0.0051, key + " MOS mean");
                    assertEquals(rank(mos.get(key), 0.05), k.mosP5(), 0.0251, key + " MOS 5th percentile, to its bin");
                    assertEquals(m[1], k.jitterMs(), 0.0051, key + " jitter");
                }
                double median = rank(pdd.get(key), 0.5);
                double p95 = rank(pdd.get(key), 0.95);
                assertEquals(median, k.pddMedianMs(), halfBin(median), key + " PDD median, to its bin");
                assertEquals(p95, k.pddP95Ms(), halfBin(p95), key + " PDD 95th percentile, to its bin");
            }
        }
        assertEquals(grouped.size(), compared, "every group has its bucket");
        assertTrue(compared > 200, "trunks x hours compared: " + compared);
    }

    private static Map<String, List<Double>> sorted(DataSource ds, String value) throws Exception {
        Map<String, List<Double>> out = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT trunk, start_ms / 3600000 * 3600, " + value + " FROM raw_calls WHERE " + value
                        + " IS NOT NULL ORDER BY 3")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1) + "@" + rs.getLong(2), k -> new ArrayList<>()).add(rs.getDouble(3));
            }
        }
        return out;
    }

    private static double rank(List<Double> sortedValues, double q) {
        return sortedValues.get((int) Math.ceil(q * sortedValues.size()) - 1);
    }

    private static double halfBin(double pddMs) {
        return pddMs < 10_000 ? 25 : 500;
    }

    /** Records over three days on four trunks and a fifth on the first morning, every outcome, quality on most answered calls. */
    private static List<CallRecord> records() {
        SplittableRandom r = new SplittableRandom(21);
        List<CallRecord> list = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            String start = FROM.plusSeconds((long) i * 3 * 86_400 / RECORDS + r.nextInt(20)).toString();
            // a fifth trunk carries calls of the first morning only: the later parts of a read have none of it
            Calls c = Calls.at(start).trunks(null, i < 100 ? "carrier-early" : "carrier-" + (char) ('a' + r.nextInt(4)));
            double p = r.nextDouble();
            if (p < 0.6) {
                c.answered(300 + r.nextInt(6000), 1 + r.nextInt(600));
                if (r.nextDouble() < 0.8) {
                    double mos = 1.5 + r.nextDouble() * 3;
                    c.quality(new Quality(Math.round(mos * 100) / 100.0, Math.round(r.nextDouble() * 3000) / 100.0, 0.5,
                            20.0), r.nextBoolean() ? Quality.NONE : new Quality(4.3, 1.0, 0.0, 20.0));
                }
            } else if (p < 0.7) {
                c.failed(Disposition.BUSY, 486, r.nextBoolean() ? null : (long) (200 + r.nextInt(3000)));
            } else if (p < 0.8) {
                c.failed(Disposition.NO_ANSWER, r.nextBoolean() ? 480 : 408, (long) (200 + r.nextInt(3000)));
            } else if (p < 0.9) {
                c.failed(Disposition.CANCELLED, 487, r.nextBoolean() ? null : (long) (200 + r.nextInt(3000)));
            } else {
                int[] codes = { 503, 404, 500, 403, 603 };
                c.failed(Disposition.FAILED, codes[r.nextInt(codes.length)], r.nextBoolean() ? null
                        : (long) (200 + r.nextInt(20000)));
            }
            list.add(c.endsAfter(1 + r.nextInt(3000)).record());
        }
        return list;
    }

    private static void raw(DataSource ds, List<CallRecord> records) throws Exception {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE raw_calls (trunk VARCHAR(64), start_ms BIGINT, ring_ms BIGINT, "
                        + "answer_ms BIGINT, disposition VARCHAR(16), sip_code INT, billable BIGINT, mos DOUBLE PRECISION, "
                        + "jitter DOUBLE PRECISION)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (CallRecord r : records) {
                    ps.setString(1, r.trunkOut());
                    ps.setLong(2, r.start().toEpochMilli());
                    setLong(ps, 3, r.ring() == null ? null : r.ring().toEpochMilli());
                    setLong(ps, 4, r.answer() == null ? null : r.answer().toEpochMilli());
                    ps.setString(5, r.disposition().name());
                    ps.setInt(6, r.sipCode());
                    ps.setLong(7, r.billableSeconds());
                    Double mos = r.mos();
                    if (mos == null) {
                        ps.setNull(8, Types.DOUBLE);
                        ps.setNull(9, Types.DOUBLE);
                    } else {
                        ps.setDouble(8, mos);
                        Double ja = r.qualityA().jitterMs();
                        Double jb = r.qualityB().jitterMs();
                        ps.setDouble(9, ja == null ? jb : jb == null ? ja : Math.max(ja, jb));
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws Exception {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
