package io.switchboard.cdr.store.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Set when a batch met records already stored: the next batches look their keys up before
     * inserting. Otherwise a batch is inserted straight away, and only when the natural key refuses
     * it is it rolled back and inserted again with the look-up (new records, the usual case, pay
     * for one index probe instead of two).
     */
    private volatile boolean lookUpFirst;

    StoreResult insert(List<CallRecord> records) {
        return insert(records, r -> {
        });
    }

    StoreResult insert(List<CallRecord> records, Consumer<CallRecord> stored) {
        List<String> ids = records.stream().map(CdrTable::idOf).toList();
        List<CallRecord> added = new ArrayList<>(records.size());
        StoreResult result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            result = lookUpFirst ? null : insertOrNull(c, records, ids, added);
            if (result == null) {
                added.clear();
                try {
                    result = insert(c, records, ids, existingIds(c, ids), added);
                    c.commit();
                    lookUpFirst = result.duplicates() > 0;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store " + records.size() + " call records: " + e.getMessage(), e);
        }
        added.forEach(stored);
        return result;
    }

    /** Inserts without looking up first; @return null when a record was already stored (rolled back) */
    private StoreResult insertOrNull(Connection c, List<CallRecord> records, List<String> ids,
            List<CallRecord> added) throws SQLException {
        try {
            StoreResult result = insert(c, records, ids, Set.of(), added);
            c.commit();
            return result;
        } catch (SQLException e) {
            c.rollback();
            if (!isUniqueViolation(e)) {
                throw e;
            }
            lookUpFirst = true;
            return null;
        } catch (RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /**
     * A record's store id, derived from its natural key so that a record stored twice has one id:
     * the start time's milliseconds in the first 48 bits (new records sort after old ones, so the id
     * index grows at its end instead of being rewritten all over), then 80 bits of the MD5 of source
     * and source id, written as a UUID. The changelog computes the same for rows stored before
     * (changeset 4), in SQL.
     */
    static String idOf(String source, String sourceId, Instant start) {
        try {
            String h = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((source + '\u001f' + sourceId).getBytes(StandardCharsets.UTF_8)));
            String m = HexFormat.of().toHexDigits(start.toEpochMilli()).substring(4);
            return m.substring(0, 8) + '-' + m.substring(8) + '-' + h.substring(0, 4) + '-' + h.substring(4, 8) + '-'
                    + h.substring(8, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static String idOf(CallRecord r) {
        return idOf(r.source(), r.sourceId(), r.start());
    }

    /** SQLSTATE class 23, integrity constraint violation (23505 on H2 and PostgreSQL), anywhere in the chain. */
    private static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && next.getSQLState().startsWith("23")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * @param ids the records' ids, in their order
     * @param existing ids of records already stored
     * @param added receives each record inserted, with its id
     */
    private static StoreResult insert(Connection c, List<CallRecord> records, List<String> ids,
            Set<String> existing, List<CallRecord> added) throws SQLException {
        Set<String> inBatch = new HashSet<>();
        int duplicates = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < records.size(); i++) {
                CallRecord r = records.get(i);
                String id = ids.get(i);
                if (existing.contains(id) || !inBatch.add(id)) {
                    duplicates++;
                    continue;
                }
                bind(ps, r, id);
                ps.addBatch();
                added.add(r.withId(id));
            }
            if (!added.isEmpty()) {
                ps.executeBatch();
            }
        }
        return new StoreResult(records.size() - duplicates, duplicates, ids);
    }

    /** @return those of the ids that are already stored */
    private static Set<String> existingIds(Connection c, List<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sb_cdr WHERE id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setObject(i + 1, UUID.fromString(chunk.get(i)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    Optional<CallRecord> get(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty(); // no record has it
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
            ps.setObject(1, uuid);
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
        ps.setObject(i++, UUID.fromString(id));
        ps.setString(i++, r.source());
        ps.setString(i++, r.sourceId());
        ps.setString(i++, String.join(" ", r.callIds()));
        for (Instant t : Arrays.asList(r.start(), r.ring(), r.answer(), r.end())) {
            if (t == null) {
                ps.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i++, t.atOffset(ZoneOffset.UTC)); // JDBC 4.2: no detour through local time
            }
        }
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
