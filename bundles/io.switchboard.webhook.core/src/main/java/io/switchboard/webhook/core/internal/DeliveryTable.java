package io.switchboard.webhook.core.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.switchboard.webhook.api.Delivery;

/**
 * {@code sb_webhook_delivery}: the queue every server of a cluster sends from. A server takes a
 * delivery by leasing it (a conditional update only one server wins), so no two send it at once; a
 * delivery waits while an older one of its subscription and key is still pending, so the events of
 * one call reach an endpoint in the order they happened.
 */
final class DeliveryTable extends Table {

    private static final String COLUMNS = "id, subscription, event, state, attempts, last_status, last_error, created, "
            + "next_attempt, delivered, payload";

    DeliveryTable(DataSource db) {
        super(db, "webhook deliveries");
    }

    long add(String subscription, String event, String key, String payload, Instant created) {
        return insert("INSERT INTO sb_webhook_delivery (subscription, event, order_key, state, attempts, created, "
                + "next_attempt, payload) VALUES (?, ?, ?, ?, 0, ?, ?, ?)", subscription, event, key == null ? "" : key,
                Delivery.PENDING, at(created), at(created), payload);
    }

    /** @return the ids of deliveries due now whose turn it is, oldest first */
    List<Long> due(Instant now, int limit) {
        return query("SELECT d.id FROM sb_webhook_delivery d WHERE d.state = ? AND d.next_attempt <= ? "
                + "AND (d.lease_until IS NULL OR d.lease_until < ?) AND NOT EXISTS (SELECT 1 FROM sb_webhook_delivery e "
                + "WHERE e.subscription = d.subscription AND e.order_key = d.order_key AND e.state = ? AND e.id < d.id) "
                + "ORDER BY d.id FETCH FIRST " + limit + " ROWS ONLY", rs -> rs.getLong(1), Delivery.PENDING, at(now),
                at(now), Delivery.PENDING);
    }

    /** @return whether this server now holds the delivery until {@code until} */
    boolean lease(long id, Instant now, Instant until) {
        return update("UPDATE sb_webhook_delivery SET lease_until = ? WHERE id = ? AND state = ? "
                + "AND (lease_until IS NULL OR lease_until < ?)", at(until), id, Delivery.PENDING, at(now)) == 1;
    }

    void delivered(long id, int status, Instant at) {
        update("UPDATE sb_webhook_delivery SET state = ?, attempts = attempts + 1, last_status = ?, last_error = NULL, "
                + "delivered = ?, next_attempt = NULL, lease_until = NULL WHERE id = ?", Delivery.DELIVERED, status,
                at(at), id);
    }

    /** An attempt failed: tried again at {@code next}, or given up when that is null. */
    void failed(long id, Integer status, String error, Instant next) {
        update("UPDATE sb_webhook_delivery SET state = ?, attempts = attempts + 1, last_status = ?, last_error = ?, "
                + "next_attempt = ?, lease_until = NULL WHERE id = ?", next == null ? Delivery.FAILED : Delivery.PENDING,
                status, error == null ? null : error.substring(0, Math.min(500, error.length())), at(next), id);
    }

    /** Queued again from now, with its attempts counted afresh. */
    boolean resend(long id, Instant now) {
        return update("UPDATE sb_webhook_delivery SET state = ?, attempts = 0, next_attempt = ?, lease_until = NULL, "
                + "delivered = NULL WHERE id = ?", Delivery.PENDING, at(now), id) == 1;
    }

    Optional<Delivery> get(long id) {
        return query("SELECT " + COLUMNS + " FROM sb_webhook_delivery WHERE id = ?", DeliveryTable::row, id).stream()
                .findFirst();
    }

    List<Delivery> latest(String subscription, String state, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sb_webhook_delivery WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (subscription != null) {
            sql.append(" AND subscription = ?");
            args.add(subscription);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return query(sql.toString(), DeliveryTable::row, args.toArray());
    }

    /** @return how many deliveries are in each state */
    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (Object[] row : query("SELECT state, COUNT(*) FROM sb_webhook_delivery GROUP BY state",
                rs -> new Object[] { rs.getString(1), rs.getLong(2) })) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }

    int removeBefore(Instant cutoff) {
        return update("DELETE FROM sb_webhook_delivery WHERE state <> ? AND created < ?", Delivery.PENDING, at(cutoff));
    }

    private static Delivery row(ResultSet rs) throws SQLException {
        int status = rs.getInt(6);
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), lastStatus,
                rs.getString(7), instant(rs, "created"), instant(rs, "next_attempt"), instant(rs, "delivered"),
                rs.getString(11));
    }
}
