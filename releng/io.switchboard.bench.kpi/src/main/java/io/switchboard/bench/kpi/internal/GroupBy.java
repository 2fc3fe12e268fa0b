package io.switchboard.bench.kpi.internal;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

import org.postgresql.PGConnection;

import io.switchboard.cdr.api.CallRecord;

/**
 * The yardstick: the same hourly KPIs per trunk as one SQL GROUP BY over the records' table, on
 * H2 (the server's own sb_cdr) and on PostgreSQL (a copy of the same records, loaded with COPY).
 */
final class GroupBy {

    /** Percentiles over the calls that have the value: H2 would rank NULLs too. */
    private static final String PDD = "(EXTRACT(EPOCH FROM COALESCE(ring_ts, answer_ts)) - EXTRACT(EPOCH FROM start_ts)) * 1000";
    private static final String MOS = "CASE WHEN disposition = 'ANSWERED' THEN LEAST(a_mos, b_mos) END";
    private static final String EFFECTIVE = "disposition IN ('ANSWERED', 'BUSY') OR sip_code IN (486, 600, 603) OR "
            + "(ring_ts IS NOT NULL AND (disposition IN ('NO_ANSWER', 'CANCELLED') OR sip_code IN (480, 408, 487)))";

    private GroupBy() {
    }

    static String sql(String table) {
        return "SELECT trunk_out, FLOOR(EXTRACT(EPOCH FROM start_ts) / 3600) AS bucket, COUNT(*), "
                + "SUM(CASE WHEN disposition = 'ANSWERED' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN " + EFFECTIVE + " THEN 1 ELSE 0 END), SUM(billable_seconds), AVG(" + MOS + "), "
                + "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY " + PDD + ") FILTER (WHERE " + PDD + " IS NOT NULL), "
                + "PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY " + PDD + ") FILTER (WHERE " + PDD + " IS NOT NULL), "
                + "PERCENTILE_DISC(0.05) WITHIN GROUP (ORDER BY " + MOS + ") FILTER (WHERE " + MOS + " IS NOT NULL) "
                + "FROM " + table + " WHERE start_ts >= ? AND start_ts < ? GROUP BY trunk_out, "
                + "FLOOR(EXTRACT(EPOCH FROM start_ts) / 3600)";
    }

    /** @return attempts by trunk@hour-start (epoch seconds) */
    static Map<String, Long> run(Connection c, String table, Instant from, Instant to) throws SQLException {
        Map<String, Long> attempts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql(table))) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.put(rs.getString(1) + "@" + rs.getLong(2) * 3600, rs.getLong(3));
                }
            }
        }
        return attempts;
    }

    /** Loads the records into a fresh PostgreSQL schema with COPY; @return a connection to it */
    static Connection postgres(String url, String user, String schema, LongFunction<CallRecord> records, long n)
            throws Exception {
        Connection c = DriverManager.getConnection(url, user, "");
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".cdr (start_ts TIMESTAMP WITH TIME ZONE NOT NULL, ring_ts TIMESTAMP "
                    + "WITH TIME ZONE, answer_ts TIMESTAMP WITH TIME ZONE, trunk_out VARCHAR(64), disposition "
                    + "VARCHAR(16) NOT NULL, sip_code INT NOT NULL, billable_seconds BIGINT NOT NULL, a_mos DOUBLE "
                    + "PRECISION, b_mos DOUBLE PRECISION)");
        }
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder rows = new StringBuilder(1 << 20);
        for (long i = 0; i < n; i++) {
            CallRecord r = records.apply(i);
            rows.append(r.start()).append('\t').append(nz(r.ring())).append('\t').append(nz(r.answer())).append('\t')
                    .append(r.trunkOut()).append('\t').append(r.disposition().name()).append('\t').append(r.sipCode())
                    .append('\t').append(r.billableSeconds()).append('\t').append(nz(r.qualityA().mos())).append('\t')
                    .append(nz(r.qualityB().mos())).append('\n');
            if (rows.length() > 1 << 20 || i == n - 1) {
                copy.copyIn("COPY " + schema + ".cdr FROM STDIN", new StringReader(rows.toString()));
                rows.setLength(0);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX ix_cdr_start ON " + schema + ".cdr (start_ts)"); // as sb_cdr has on PostgreSQL
            s.execute("ANALYZE " + schema + ".cdr");
        }
        return c;
    }

    private static String nz(Object v) {
        return v == null ? "\\N" : v.toString();
    }
}
