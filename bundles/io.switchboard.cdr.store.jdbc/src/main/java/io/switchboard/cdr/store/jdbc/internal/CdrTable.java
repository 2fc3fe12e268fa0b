package io.switchboard.cdr.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.HangupSide;
import io.switchboard.cdr.api.Quality;
import io.switchboard.cdr.api.StoreResult;
import io.switchboard.store.api.StoreException;

/**
 * The {@code sb_cdr} table: plain JDBC, the same SQL on H2 and PostgreSQL. Usable without OSGi,
 * so that it is tested on both databases directly.
 */
final class CdrTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, source, source_id, call_ids, start_ts, ring_ts, answer_ts, end_ts, "
            + "billable_seconds, caller, caller_e164, caller_name, callee, callee_e164, direction, trunk_in, "
            + "trunk_out, did, disposition, sip_code, sip_reason, hangup_side, codec, a_mos, a_jitter_ms, a_loss_pct, "
            + "a_rtt_ms, b_mos, b_jitter_ms, b_loss_pct, b_rtt_ms, tags";
    private static final String INSERT = "INSERT INTO sb_cdr (" + COLUMNS + ") VALUES ("
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT seq, " + COLUMNS + " FROM sb_cdr";

    private final DataSource dataSource;

    CdrTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    StoreResult insert(List<CallRecord> records) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                StoreResult result = insert(c, records);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store " + records.size() + " call records: " + e.getMessage(), e);
        }
    }

    private static StoreResult insert(Connection c, List<CallRecord> records) throws SQLException {
        Map<String, String> existing = existingIds(c, records);
        List<String> ids = new ArrayList<>(records.size());
        int stored = 0;
        int duplicates = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (CallRecord r : records) {
                String key = r.source() + '\u0000' + r.sourceId();
                String id = existing.get(key);
                if (id != null) {
                    duplicates++;
                    ids.add(id);
                    continue;
                }
                id = r.id() != null ? r.id() : UUID.randomUUID().toString();
                existing.put(key, id); // a duplicate within the same batch
                bind(ps, r, id);
                ps.addBatch();
                ids.add(id);
                stored++;
            }
            if (stored > 0) {
                ps.executeBatch();
            }
        }
        return new StoreResult(stored, duplicates, ids);
    }

    /** @return for each (source, sourceId) of the records already stored, its id */
    private static Map<String, String> existingIds(Connection c, List<CallRecord> records) throws SQLException {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (CallRecord r : records) {
            bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r.sourceId());
        }
        Map<String, String> found = new HashMap<>();
        for (Map.Entry<String, List<String>> e : bySource.entrySet()) {
            List<String> keys = e.getValue();
            for (int from = 0; from < keys.size(); from += 500) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT source_id, id FROM sb_cdr WHERE source = ? AND source_id IN (" + marks + ")")) {
                    ps.setString(1, e.getKey());
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(e.getKey() + '\u0000' + rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
        }
        return found;
    }

    Optional<CallRecord> get(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read call record " + id + ": " + e.getMessage(), e);
        }
    }

    long count() {
        return longQuery("SELECT COUNT(*) FROM sb_cdr", null);
    }

    long countOlderThan(Instant instant) {
        return longQuery("SELECT COUNT(*) FROM sb_cdr WHERE start_ts < ?", instant);
    }

    /** Reads in primary-key order, one batch at a time (keyset paging: no long-open cursor). */
    void scan(Consumer<List<CallRecord>> batches, int batchSize) {
        long after = Long.MIN_VALUE;
        while (true) {
            List<CallRecord> batch = new ArrayList<>(batchSize);
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(SELECT + " WHERE seq > ? ORDER BY seq")) {
                ps.setLong(1, after);
                ps.setMaxRows(batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong("seq");
                        batch.add(read(rs));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("Cannot read call records: " + e.getMessage(), e);
            }
            if (batch.isEmpty()) {
                return;
            }
            batches.accept(batch);
            if (batch.size() < batchSize) {
                return;
            }
        }
    }

    List<String> deleteOlderThan(Instant instant) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sb_cdr WHERE start_ts < ?")) {
                ps.setTimestamp(1, Timestamp.from(instant));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sb_cdr WHERE start_ts < ?")) {
                ps.setTimestamp(1, Timestamp.from(instant));
                ps.executeUpdate();
            }
            c.commit();
            return ids;
        } catch (SQLException e) {
            throw new StoreException("Cannot delete call records before " + instant + ": " + e.getMessage(), e);
        }
    }

    private long longQuery(String sql, Instant param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setTimestamp(1, Timestamp.from(param));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot count call records: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, CallRecord r, String id) throws SQLException {
        int i = 1;
        ps.setString(i++, id);
        ps.setString(i++, r.source());
        ps.setString(i++, r.sourceId());
        ps.setString(i++, String.join(" ", r.callIds()));
        ps.setTimestamp(i++, Timestamp.from(r.start()));
        ps.setTimestamp(i++, r.ring() == null ? null : Timestamp.from(r.ring()));
        ps.setTimestamp(i++, r.answer() == null ? null : Timestamp.from(r.answer()));
        ps.setTimestamp(i++, r.end() == null ? null : Timestamp.from(r.end()));
        ps.setLong(i++, r.billableSeconds());
        ps.setString(i++, r.caller());
        ps.setString(i++, r.callerE164());
        ps.setString(i++, r.callerName());
        ps.setString(i++, r.callee());
        ps.setString(i++, r.calleeE164());
        ps.setString(i++, r.direction().name());
        ps.setString(i++, r.trunkIn());
        ps.setString(i++, r.trunkOut());
        ps.setString(i++, r.did());
        ps.setString(i++, r.disposition().name());
        ps.setInt(i++, r.sipCode());
        ps.setString(i++, r.sipReason());
        ps.setString(i++, r.hangupSide().name());
        ps.setString(i++, r.codec());
        for (Quality q : List.of(r.qualityA(), r.qualityB())) {
            for (Double d : Arrays.asList(q.mos(), q.jitterMs(), q.lossPercent(), q.rttMs())) {
                if (d == null) {
                    ps.setNull(i++, Types.DOUBLE);
                } else {
                    ps.setDouble(i++, d);
                }
            }
        }
        try {
            ps.setString(i, r.tags().isEmpty() ? null : JSON.writeValueAsString(r.tags()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Tags of call " + r.sourceId() + " cannot be stored", e);
        }
    }

    private static CallRecord read(ResultSet rs) throws SQLException {
        Map<String, String> tags;
        String json = rs.getString("tags");
        try {
            tags = json == null ? Map.of() : JSON.readValue(json, TAGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable tags of call record " + rs.getString("id"), e);
        }
        String callIds = rs.getString("call_ids");
        return new CallRecord(rs.getString("id"), rs.getString("source"), rs.getString("source_id"),
                callIds == null || callIds.isEmpty() ? List.of() : List.of(callIds.split(" ")),
                instant(rs, "start_ts"), instant(rs, "ring_ts"), instant(rs, "answer_ts"), instant(rs, "end_ts"),
                rs.getLong("billable_seconds"), rs.getString("caller"), rs.getString("caller_e164"),
                rs.getString("caller_name"), rs.getString("callee"), rs.getString("callee_e164"),
                Direction.valueOf(rs.getString("direction")), rs.getString("trunk_in"), rs.getString("trunk_out"),
                rs.getString("did"), Disposition.valueOf(rs.getString("disposition")), rs.getInt("sip_code"),
                rs.getString("sip_reason"), HangupSide.valueOf(rs.getString("hangup_side")), rs.getString("codec"),
                quality(rs, "a_"), quality(rs, "b_"), tags);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Quality quality(ResultSet rs, String prefix) throws SQLException {
        return new Quality(dbl(rs, prefix + "mos"), dbl(rs, prefix + "jitter_ms"), dbl(rs, prefix + "loss_pct"),
                dbl(rs, prefix + "rtt_ms"));
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }

}
