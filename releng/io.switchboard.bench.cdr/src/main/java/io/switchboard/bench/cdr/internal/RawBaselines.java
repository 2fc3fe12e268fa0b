package io.switchboard.bench.cdr.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Locale;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.h2.jdbcx.JdbcDataSource;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.demo.DemoCalls;

/**
 * The libraries alone, as a yardstick: the same records into a plain Lucene index (same fields,
 * all stored) and into an H2 table with plain JDBC batches, no Switchboard code in between.
 */
final class RawBaselines {

    static final FacetsConfig FACETS = new FacetsConfig();

    static {
        FACETS.setMultiValued("trunk", true);
    }

    private RawBaselines() {
    }

    /** @return records per second */
    static double lucene(DemoCalls demo, long n, Path folder) throws IOException {
        long t0 = System.nanoTime();
        try (FSDirectory dir = FSDirectory.open(folder);
                IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer())
                        .setRAMBufferSizeMB(64))) {
            for (long i = 0; i < n; i++) {
                w.addDocument(FACETS.build(document(demo.call(i), i)));
            }
            w.commit();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static Document document(CallRecord r, long i) {
        Document d = new Document();
        d.add(new StringField("id", Long.toString(i), Field.Store.YES));
        d.add(new StringField("callee", r.calleeE164(), Field.Store.YES));
        d.add(new StringField("callee", r.callee(), Field.Store.NO));
        d.add(new StringField("caller", r.callerE164(), Field.Store.YES));
        for (String c : r.callIds()) {
            d.add(new StringField("callId", c, Field.Store.YES));
        }
        d.add(new StringField("disposition", r.disposition().name().toLowerCase(Locale.ROOT), Field.Store.YES));
        d.add(new StringField("trunk", r.trunkOut(), Field.Store.YES));
        d.add(new LongPoint("start", r.start().toEpochMilli()));
        d.add(new NumericDocValuesField("start", r.start().toEpochMilli()));
        d.add(new StoredField("start", r.start().toEpochMilli()));
        d.add(new LongPoint("sipCode", r.sipCode()));
        d.add(new StoredField("sipCode", r.sipCode()));
        d.add(new LongPoint("duration", r.durationSeconds()));
        d.add(new NumericDocValuesField("duration", r.durationSeconds()));
        if (r.mos() != null) {
            d.add(new DoublePoint("mos", r.mos()));
            d.add(new DoubleDocValuesField("mos", r.mos()));
            d.add(new StoredField("mos", r.mos()));
        }
        d.add(new TextField("text", r.callerName() + " " + r.sipReason() + " " + r.tags().values(), Field.Store.YES));
        d.add(new StoredField("raw", (r.sourceId() + r.start() + r.end() + r.callerName() + r.sipReason())
                .getBytes(StandardCharsets.UTF_8)));
        d.add(new SortedSetDocValuesFacetField("trunk", r.trunkOut()));
        d.add(new SortedSetDocValuesFacetField("disposition", r.disposition().name().toLowerCase(Locale.ROOT)));
        return d;
    }

    /** @return rows per second, JDBC batches of 1000 committed each */
    static double jdbc(DemoCalls demo, long n, Path file) throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file + ";WRITE_DELAY=0");
        long t0;
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE cdr (seq BIGINT AUTO_INCREMENT PRIMARY KEY, id VARCHAR(36), source VARCHAR(64), "
                        + "source_id VARCHAR(255), call_ids VARCHAR(2000), start_ts TIMESTAMP WITH TIME ZONE, "
                        + "answer_ts TIMESTAMP WITH TIME ZONE, end_ts TIMESTAMP WITH TIME ZONE, billable BIGINT, "
                        + "caller VARCHAR(128), callee VARCHAR(128), callee_e164 VARCHAR(32), disposition VARCHAR(16), "
                        + "sip_code INT, trunk_out VARCHAR(64), a_mos DOUBLE PRECISION, UNIQUE (source, source_id))");
            }
            c.setAutoCommit(false);
            t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cdr (id, source, source_id, call_ids, start_ts, "
                    + "answer_ts, end_ts, billable, caller, callee, callee_e164, disposition, sip_code, trunk_out, a_mos) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (long i = 0; i < n; i++) {
                    CallRecord r = demo.call(i);
                    ps.setString(1, Long.toString(i));
                    ps.setString(2, r.source());
                    ps.setString(3, r.sourceId());
                    ps.setString(4, String.join(" ", r.callIds()));
                    ps.setTimestamp(5, Timestamp.from(r.start()));
                    ps.setTimestamp(6, r.answer() == null ? null : Timestamp.from(r.answer()));
                    ps.setTimestamp(7, Timestamp.from(r.end()));
                    ps.setLong(8, r.billableSeconds());
                    ps.setString(9, r.caller());
                    ps.setString(10, r.callee());
                    ps.setString(11, r.calleeE164());
                    ps.setString(12, r.disposition().name());
                    ps.setInt(13, r.sipCode());
                    ps.setString(14, r.trunkOut());
                    if (r.mos() == null) {
                        ps.setNull(15, Types.DOUBLE);
                    } else {
                        ps.setDouble(15, r.mos());
                    }
                    ps.addBatch();
                    if ((i + 1) % 1000 == 0 || i == n - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
