package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.Postgres;

/**
 * The KPIs of the running server on its demo data equal a SQL GROUP BY over the records' own table,
 * on H2 and on PostgreSQL: hourly per trunk, as kept at ingest and after a rebuild from the records.
 */
class KpiIT {

    private static final String[] ADMIN = { "admin", "kpi-it-secret" };
    private static final int RECORDS = 30_000;

    @TempDir
    Path base;

    @Test
    void rollupsEqualAGroupByOnH2() throws Exception {
        Map<String, double[]> api;
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]))) {
            api = demoAndKpis(server);
            assertEquals(0, server.terminate());
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base.resolve("data/db/switchboard"))) {
            compare(api, groupBy(c, "sb_cdr"));
        }
    }

    @Test
    void rollupsEqualAGroupByOnPostgres() throws Exception {
        try (Postgres pg = Postgres.freshSchema()) {
            Files.createDirectories(base.resolve("etc"));
            Files.writeString(base.resolve("etc/io.switchboard.store.jdbc.cfg"),
                    "url = " + pg.url() + "\nuser = " + Postgres.USER + "\n");
            try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                    Connection c = Postgres.connect()) {
                compare(demoAndKpis(server), groupBy(c, pg.schema() + ".sb_cdr"));
            }
        }
    }

    /** Stores demo records over the three days before today and reads their hourly KPIs per trunk. */
    private static Map<String, double[]> demoAndKpis(ServerProcess server) throws Exception {
        assertEquals(200, server.postBulk("/cdr/demo?count=" + RECORDS + "&days=3", ADMIN).statusCode());
        for (int i = 0; i < 300 && server.getJson("/kpi/status", ADMIN).get("rolledUp").asLong() < RECORDS; i++) {
            Thread.sleep(100);
        }
        Map<String, double[]> kept = kpis(server);
        JsonNode rebuilt = ServerProcess.JSON.readTree(server.postBulk("/kpi/rebuild", ADMIN).body());
        assertEquals(RECORDS, rebuilt.get("counted").asInt(), rebuilt.toString());
        Map<String, double[]> again = kpis(server);
        assertEquals(kept.keySet(), again.keySet());
        kept.forEach((k, v) -> assertEquals(Arrays.toString(v), Arrays.toString(again.get(k)),
                k + ": kept at ingest, then rebuilt"));
        return kept;
    }

    private static Map<String, double[]> kpis(ServerProcess server) throws Exception {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        JsonNode r = server.getJson("/kpi?scope=trunk&granularity=1h&zone=UTC&limit=100&from="
                + today.minus(3, ChronoUnit.DAYS) + "&to=" + today, ADMIN);
        assertEquals("UTC", r.get("zone").asText());
        Map<String, double[]> out = new HashMap<>();
        for (JsonNode s : r.get("series")) {
            for (JsonNode b : s.get("buckets")) {
                JsonNode k = b.get("kpis");
                if (k.get("attempts").asLong() > 0) {
                    out.put(s.get("key").asText() + "@" + Instant.parse(b.get("start").asText()).getEpochSecond(),
                            new double[] { k.get("attempts").asDouble(), k.get("answered").asDouble(),
                                    k.get("acdSeconds").asDouble(), k.get("measured").asDouble(),
                                    k.get("mosMean").asDouble() });
                }
            }
        }
        assertEquals(3 * 24 * 3, out.size(), "three trunks, every hour of three days");
        return out;
    }

    private static Map<String, double[]> groupBy(Connection c, String table) throws Exception {
        Map<String, double[]> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT trunk_out, "
                + "FLOOR(EXTRACT(EPOCH FROM start_ts) / 3600) * 3600, COUNT(*), "
                + "SUM(CASE WHEN disposition = 'ANSWERED' THEN 1 ELSE 0 END), SUM(billable_seconds), "
                + "COUNT(CASE WHEN disposition = 'ANSWERED' THEN LEAST(a_mos, b_mos) END), "
                + "AVG(CASE WHEN disposition = 'ANSWERED' THEN LEAST(a_mos, b_mos) END) "
                + "FROM " + table + " GROUP BY trunk_out, FLOOR(EXTRACT(EPOCH FROM start_ts) / 3600) * 3600")) {
            while (rs.next()) {
                double answered = rs.getDouble(4);
                out.put(rs.getString(1) + "@" + rs.getLong(2), new double[] { rs.getDouble(3), answered,
                        Math.round(rs.getDouble(5) / answered * 100) / 100.0, rs.getDouble(6), rs.getDouble(7) });
            }
        }
        return out;
    }

    private static void compare(Map<String, double[]> api, Map<String, double[]> sql) {
        assertEquals(sql.keySet(), api.keySet(), "the same trunks and hours");
        for (Map.Entry<String, double[]> e : sql.entrySet()) {
            double[] want = e.getValue();
            double[] got = api.get(e.getKey());
            assertEquals(want[0], got[0], e.getKey() + " attempts");
            assertEquals(want[1], got[1], e.getKey() + " answered");
            assertEquals(want[2], got[2], 0.0001, e.getKey() + " ACD");
            assertEquals(want[3], got[3], e.getKey() + " measured");
            assertEquals(want[4], got[4], 0.0051, e.getKey() + " MOS mean");
        }
        assertTrue(api.size() > 200);
    }
}
