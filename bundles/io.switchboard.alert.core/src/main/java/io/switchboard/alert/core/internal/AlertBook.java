package io.switchboard.alert.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.RuleKind;
import io.switchboard.store.api.StoreException;

/** The {@code sb_alert} history and the API's rules in {@code sb_alert_rule}: plain JDBC, H2 and PostgreSQL alike. */
final class AlertBook {

    private static final String COLUMNS = "id, rule, kind, subject, severity, firing, message, measured, reference, "
            + "fired_at, resolved_at, notified";

    private final DataSource dataSource;
    private final ObjectMapper json;

    AlertBook(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    long fire(AlertRule rule, String subject, String message, Double value, Double reference, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sb_alert (rule, kind, subject, severity, firing, message, measured, reference, fired_at) "
                        + "VALUES (?, ?, ?, ?, TRUE, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, rule.name());
            ps.setString(2, rule.kind().id());
            ps.setString(3, subject);
            ps.setString(4, rule.severity());
            ps.setString(5, cut(message, 1000));
            setDouble(ps, 6, value);
            setDouble(ps, 7, reference);
            ps.setTimestamp(8, Timestamp.from(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot record an alert: " + e.getMessage(), e);
        }
    }

    void resolve(long id, Instant at) {
        update("UPDATE sb_alert SET firing = FALSE, resolved_at = ? WHERE id = ?", Timestamp.from(at), id);
    }

    void notified(long id, List<String> results) {
        update("UPDATE sb_alert SET notified = ? WHERE id = ?", cut(String.join("\n", results), 2000), id);
    }

    Optional<Alert> get(long id) {
        List<Alert> list = query("SELECT " + COLUMNS + " FROM sb_alert WHERE id = ?", 1, id);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    List<Alert> firing() {
        return query("SELECT " + COLUMNS + " FROM sb_alert WHERE firing = TRUE ORDER BY fired_at DESC", 10_000);
    }

    List<Alert> history(Instant from, Instant to, int limit) {
        return query("SELECT " + COLUMNS + " FROM sb_alert WHERE fired_at >= ? AND fired_at < ? ORDER BY fired_at DESC, "
                + "id DESC", limit, Timestamp.from(from), Timestamp.from(to));
    }

    List<AlertRule> rules() {
        List<AlertRule> rules = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rule_json FROM sb_alert_rule ORDER BY name")) {
            while (rs.next()) {
                rules.add(json.readValue(rs.getString(1), AlertRule.class).withSource(Rules.API));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("Cannot read alert rules: " + e.getMessage(), e);
        }
        return rules;
    }

    void save(AlertRule rule) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_alert_rule WHERE name = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO sb_alert_rule (name, rule_json) VALUES (?, ?)")) {
                del.setString(1, rule.name());
                del.executeUpdate();
                ins.setString(1, rule.name());
                ins.setString(2, json.writeValueAsString(rule));
                ins.executeUpdate();
                c.commit();
            } catch (SQLException | JsonProcessingException e) {
                c.rollback();
                throw new StoreException("Cannot save alert rule " + rule.name() + ": " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot save alert rule " + rule.name() + ": " + e.getMessage(), e);
        }
    }

    boolean delete(String name) {
        return update("DELETE FROM sb_alert_rule WHERE name = ?", name) > 0;
    }

    private List<Alert> query(String sql, int limit, Object... params) {
        List<Alert> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolved = rs.getTimestamp(11);
                    String notified = rs.getString(12);
                    out.add(new Alert(rs.getLong(1), rs.getString(2), RuleKind.of(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getString(7), doubleOrNull(rs, 8), doubleOrNull(rs, 9),
                            rs.getTimestamp(10).toInstant(), resolved == null ? null : resolved.toInstant(),
                            notified == null ? List.of() : Arrays.asList(notified.split("\n"))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read alerts: " + e.getMessage(), e);
        }
        return out;
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot change alerts: " + e.getMessage(), e);
        }
    }

    private static Double doubleOrNull(ResultSet rs, int i) throws SQLException {
        double d = rs.getDouble(i);
        return rs.wasNull() ? null : d;
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || v.isNaN()) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
