package io.switchboard.testcall.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.store.api.StoreException;
import io.switchboard.testcall.api.Outcome;
import io.switchboard.testcall.api.TestCallResult;
import io.switchboard.testcall.api.TestCallSchedule;

/** The schedules made through the API and every result, in the tables of this bundle's changelog. */
final class TestCallStore {

    private final DataSource dataSource;

    TestCallStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<TestCallSchedule> schedules() {
        List<TestCallSchedule> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT schedule_json FROM sb_testcall_schedule ORDER BY name")) {
            while (rs.next()) {
                out.add(Json.MAPPER.readValue(rs.getString(1), TestCallSchedule.class));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("Cannot read test-call schedules: " + e.getMessage(), e);
        }
        return out;
    }

    void save(TestCallSchedule schedule) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_testcall_schedule WHERE name = ?");
                    PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO sb_testcall_schedule (name, schedule_json) VALUES (?, ?)")) {
                del.setString(1, schedule.name());
                del.executeUpdate();
                ins.setString(1, schedule.name());
                ins.setString(2, Json.MAPPER.writeValueAsString(schedule));
                ins.executeUpdate();
                c.commit();
            } catch (SQLException | JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("Cannot save test-call schedule " + schedule.name() + ": " + e.getMessage(), e);
        }
    }

    boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM sb_testcall_schedule WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot delete test-call schedule " + name + ": " + e.getMessage(), e);
        }
    }

    /** @return the result with its id */
    TestCallResult add(TestCallResult r) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sb_testcall_result (schedule, trunk, number, started_at, outcome, reason, sip_code, pdd_ms, "
                        + "audio_db, mos, sip_call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, r.schedule());
            ps.setString(2, r.trunk());
            ps.setString(3, r.number());
            ps.setTimestamp(4, Timestamp.from(r.started()));
            ps.setString(5, r.outcome().id());
            ps.setString(6, r.reason().length() > 1000 ? r.reason().substring(0, 1000) : r.reason());
            ps.setInt(7, r.sipCode());
            setNullable(ps, 8, r.pddMs(), Types.BIGINT);
            setNullable(ps, 9, r.audioLevelDb(), Types.DOUBLE);
            setNullable(ps, 10, r.mos(), Types.DOUBLE);
            ps.setString(11, r.sipCallId());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new TestCallResult(keys.getLong(1), r.schedule(), r.trunk(), r.number(), r.started(),
                        r.outcome(), r.reason(), r.sipCode(), r.pddMs(), r.audioLevelDb(), r.mos(), r.sipCallId());
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store a test-call result: " + e.getMessage(), e);
        }
    }

    List<TestCallResult> results(String schedule, int limit) {
        List<TestCallResult> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, schedule, trunk, number, started_at, outcome, reason, sip_code, pdd_ms, audio_db, mos, "
                        + "sip_call_id FROM sb_testcall_result WHERE schedule = ? ORDER BY started_at DESC, id DESC")) {
            ps.setString(1, schedule);
            ps.setMaxRows(Math.max(1, limit));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TestCallResult(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), outcome(rs.getString(6)), rs.getString(7), rs.getInt(8),
                            rs.getObject(9) == null ? null : rs.getLong(9),
                            rs.getObject(10) == null ? null : rs.getDouble(10),
                            rs.getObject(11) == null ? null : rs.getDouble(11), rs.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read test-call results: " + e.getMessage(), e);
        }
        return out;
    }

    private static Outcome outcome(String id) {
        for (Outcome o : Outcome.values()) {
            if (o.id().equals(id)) {
                return o;
            }
        }
        return Outcome.ERROR;
    }

    private static void setNullable(PreparedStatement ps, int i, Object v, int type) throws SQLException {
        if (v == null) {
            ps.setNull(i, type);
        } else {
            ps.setObject(i, v);
        }
    }
}
