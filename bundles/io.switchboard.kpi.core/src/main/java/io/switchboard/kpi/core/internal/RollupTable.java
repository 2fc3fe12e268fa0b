package io.switchboard.kpi.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

import javax.sql.DataSource;

import io.switchboard.kpi.api.Scope;
import io.switchboard.store.api.StoreException;

/**
 * The {@code sb_kpi_rollup} and {@code sb_kpi_state} tables: plain JDBC, the same SQL on H2 and
 * PostgreSQL. Cells are merged in Java (histograms and per-second figures do not add up in SQL),
 * under row locks, so servers sharing one PostgreSQL may write the same buckets.
 */
final class RollupTable {

    static final String M5 = "5m";
    static final String H1 = "1h";
    static final String D1 = "1d";

    private static final String SUMS = "attempts, answered, effective, billable_seconds, pdd_count, pdd_hist, measured, "
            + "mos_micros, mos_hist, jitter_count, jitter_micros, loss_count, loss_micros, peak_concurrent, peak_cps, "
            + "queue_sums";
    private static final String INSERT = "INSERT INTO sb_kpi_rollup (gran, scope, bucket_start, scope_key, " + SUMS
            + ", seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE sb_kpi_rollup SET attempts = ?, answered = ?, effective = ?, "
            + "billable_seconds = ?, pdd_count = ?, pdd_hist = ?, measured = ?, mos_micros = ?, mos_hist = ?, "
            + "jitter_count = ?, jitter_micros = ?, loss_count = ?, loss_micros = ?, peak_concurrent = ?, peak_cps = ?, "
            + "queue_sums = ?, seconds = ? WHERE gran = ? AND scope = ? AND bucket_start = ? AND scope_key = ?";

    /** A cell's place. */
    record Key(String gran, Scope scope, long bucket, String key) {
    }

    private final DataSource dataSource;

    RollupTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds the cells to what is stored, in one transaction: first the 5-minute cells (settled),
     * then the longer ones, whose peaks become the highest of their merged 5-minute cells'.
     *
     * @param dayOf the start of the day (the server's zone) holding an instant, epoch seconds
     */
    void merge(Map<Key, Cell> fiveMinutes, Map<Key, Cell> longer, LongUnaryOperator dayOf) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<Key, Cell> merged = write(c, fiveMinutes);
                for (Map.Entry<Key, Cell> e : merged.entrySet()) {
                    Key k = e.getKey();
                    longer.computeIfAbsent(new Key(H1, k.scope(), k.bucket() - Math.floorMod(k.bucket(), 3600), k.key()),
                            x -> new Cell()).peaks(e.getValue());
                    longer.computeIfAbsent(new Key(D1, k.scope(), dayOf.applyAsLong(k.bucket()), k.key()),
                            x -> new Cell()).peaks(e.getValue());
                }
                write(c, longer);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot write KPI rollups: " + e.getMessage(), e);
        }
    }

    /** @return each cell as now stored */
    private static Map<Key, Cell> write(Connection c, Map<Key, Cell> cells) throws SQLException {
        Map<Key, Cell> stored = lockAndLoad(c, cells);
        Map<Key, Cell> result = new HashMap<>(cells.size() * 2);
        try (PreparedStatement insert = c.prepareStatement(INSERT); PreparedStatement update = c.prepareStatement(UPDATE)) {
            int inserts = 0;
            int updates = 0;
            for (Map.Entry<Key, Cell> e : cells.entrySet()) {
                Key k = e.getKey();
                Cell old = stored.get(k);
                if (old == null) {
                    insert.setString(1, k.gran());
                    insert.setString(2, k.scope().id());
                    insert.setLong(3, k.bucket());
                    insert.setString(4, k.key());
                    sums(insert, 5, e.getValue());
                    insert.addBatch();
                    inserts++;
                    result.put(k, e.getValue());
                } else {
                    old.merge(e.getValue());
                    sums(update, 1, old);
                    update.setString(18, k.gran());
                    update.setString(19, k.scope().id());
                    update.setLong(20, k.bucket());
                    update.setString(21, k.key());
                    update.addBatch();
                    updates++;
                    result.put(k, old);
                }
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
            if (updates > 0) {
                update.executeBatch();
            }
        }
        return result;
    }

    /**
     * Reads the stored cells among the given ones, locking them: one query per granularity and scope,
     * over the range of buckets the cells span (records that arrive together are close in time).
     */
    private static Map<Key, Cell> lockAndLoad(Connection c, Map<Key, Cell> cells) throws SQLException {
        Map<Key, long[]> ranges = new HashMap<>();
        for (Key k : cells.keySet()) {
            long[] r = ranges.computeIfAbsent(new Key(k.gran(), k.scope(), 0, ""), x -> new long[] { Long.MAX_VALUE,
                    Long.MIN_VALUE });
            r[0] = Math.min(r[0], k.bucket());
            r[1] = Math.max(r[1], k.bucket());
        }
        Map<Key, Cell> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT bucket_start, scope_key, " + SUMS + ", seconds FROM "
                + "sb_kpi_rollup WHERE gran = ? AND scope = ? AND bucket_start >= ? AND bucket_start <= ? FOR UPDATE")) {
            for (Map.Entry<Key, long[]> e : ranges.entrySet()) {
                Key g = e.getKey();
                ps.setString(1, g.gran());
                ps.setString(2, g.scope().id());
                ps.setLong(3, e.getValue()[0]);
                ps.setLong(4, e.getValue()[1]);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Key k = new Key(g.gran(), g.scope(), rs.getLong(1), rs.getString(2));
                        if (cells.containsKey(k)) {
                            Cell cell = read(rs, 3, new Cell());
                            cell.decodeSeconds(rs.getBytes(19));
                            stored.put(k, cell);
                        }
                    }
                }
            }
        }
        return stored;
    }

    /** Takes the rows of a window as they are read. */
    @FunctionalInterface
    interface RowSink {
        void row(long bucket, String key, Cell cell);
    }

    /**
     * @param key one key, or null for all of the scope
     * @param scratch a cell each row is read into in turn, for a sink that keeps nothing of it; null
     *            for a new cell per row
     */
    void read(String gran, Scope scope, String key, long from, long to, Cell scratch, RowSink sink) {
        String sql = "SELECT bucket_start, scope_key, " + SUMS + " FROM sb_kpi_rollup WHERE gran = ? AND scope = ? "
                + (key == null ? "" : "AND scope_key = ? ") + "AND bucket_start >= ? AND bucket_start < ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, gran);
            ps.setString(i++, scope.id());
            if (key != null) {
                ps.setString(i++, key);
            }
            ps.setLong(i++, from);
            ps.setLong(i, to);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.row(rs.getLong(1), rs.getString(2), read(rs, 3, scratch == null ? new Cell() : scratch));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read KPI rollups: " + e.getMessage(), e);
        }
    }

    /** @return the attempts of the daily rollup of every call, from {@code from} on */
    long attemptsSince(long from) {
        return single("SELECT COALESCE(SUM(attempts), 0) FROM sb_kpi_rollup WHERE gran = '" + D1
                + "' AND scope = 'all' AND bucket_start >= " + from);
    }

    /** @return the second daily bucket's start, or empty when there are fewer than two */
    Optional<Long> secondDay() {
        String days = "FROM sb_kpi_rollup WHERE gran = '" + D1 + "' AND scope = 'all'";
        long second = single("SELECT COALESCE(MIN(bucket_start), -1) " + days + " AND bucket_start > (SELECT MIN("
                + "bucket_start) " + days + ")");
        return second < 0 ? Optional.empty() : Optional.of(second);
    }

    /** Deletes the buckets that end at or before {@code cutoff} (epoch seconds); @return rows deleted */
    int deleteBefore(long cutoff) {
        return update("DELETE FROM sb_kpi_rollup WHERE (gran = '" + M5 + "' AND bucket_start <= " + (cutoff - 300)
                + ") OR (gran = '" + H1 + "' AND bucket_start <= " + (cutoff - 3600) + ") OR (gran = '" + D1
                + "' AND bucket_start <= " + (cutoff - 90_000) + ")"); // a day is at most 25 hours long
    }

    void clear() {
        update("DELETE FROM sb_kpi_rollup");
    }

    Optional<String> state(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT val FROM sb_kpi_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the KPI state: " + e.getMessage(), e);
        }
    }

    void state(String name, String value) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_kpi_state WHERE name = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO sb_kpi_state (name, val) VALUES (?, ?)")) {
                del.setString(1, name);
                del.executeUpdate();
                ins.setString(1, name);
                ins.setString(2, value);
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot write the KPI state: " + e.getMessage(), e);
        }
    }

    /** Reads a row's sums into a cell that holds nothing else. */
    private static Cell read(ResultSet rs, int first, Cell cell) throws SQLException {
        cell.pdd = null;
        cell.mos = null;
        int i = first;
        cell.attempts = rs.getLong(i++);
        cell.answered = rs.getLong(i++);
        cell.effective = rs.getLong(i++);
        cell.billable = rs.getLong(i++);
        cell.pddCount = rs.getLong(i++);
        cell.pddRow = rs.getBytes(i++);
        cell.measured = rs.getLong(i++);
        cell.mosMicros = rs.getLong(i++);
        cell.mosRow = rs.getBytes(i++);
        cell.jitterCount = rs.getLong(i++);
        cell.jitterMicros = rs.getLong(i++);
        cell.lossCount = rs.getLong(i++);
        cell.lossMicros = rs.getLong(i++);
        cell.peakConcurrent = rs.getInt(i++);
        cell.peakCps = rs.getInt(i++);
        cell.queue = QueueSums.decode(rs.getBytes(i));
        return cell;
    }

    private static void sums(PreparedStatement ps, int first, Cell cell) throws SQLException {
        int i = first;
        ps.setLong(i++, cell.attempts);
        ps.setLong(i++, cell.answered);
        ps.setLong(i++, cell.effective);
        ps.setLong(i++, cell.billable);
        ps.setLong(i++, cell.pddCount);
        ps.setBytes(i++, cell.pdd == null ? cell.pddRow : Histogram.encode(cell.pdd));
        ps.setLong(i++, cell.measured);
        ps.setLong(i++, cell.mosMicros);
        ps.setBytes(i++, cell.mos == null ? cell.mosRow : Histogram.encode(cell.mos));
        ps.setLong(i++, cell.jitterCount);
        ps.setLong(i++, cell.jitterMicros);
        ps.setLong(i++, cell.lossCount);
        ps.setLong(i++, cell.lossMicros);
        ps.setInt(i++, cell.peakConcurrent);
        ps.setInt(i++, cell.peakCps);
        ps.setBytes(i++, cell.queue == null ? null : cell.queue.encode());
        ps.setBytes(i, cell.encodeSeconds());
    }

    private long single(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("Cannot read KPI rollups: " + e.getMessage(), e);
        }
    }

    private int update(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot change KPI rollups: " + e.getMessage(), e);
        }
    }
}
