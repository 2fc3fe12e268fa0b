package io.switchboard.webhook.core.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.switchboard.webhook.api.Subscription;

/** {@code sb_webhook_subscription}: the endpoints, with the secrets that only the sender reads. */
final class SubscriptionTable extends Table {

    private static final String COLUMNS = "id, url, events, secret IS NOT NULL AND secret <> '', active, description, created";

    SubscriptionTable(DataSource db) {
        super(db, "webhook subscriptions");
    }

    List<Subscription> all() {
        return query("SELECT " + COLUMNS + " FROM sb_webhook_subscription ORDER BY id", SubscriptionTable::row);
    }

    Optional<Subscription> get(String id) {
        return query("SELECT " + COLUMNS + " FROM sb_webhook_subscription WHERE id = ?", SubscriptionTable::row, id)
                .stream().findFirst();
    }

    /** @return the signing secret, or null */
    String secret(String id) {
        // a subscription without a secret has a null column: findFirst would throw on it
        return query("SELECT secret FROM sb_webhook_subscription WHERE id = ?", rs -> rs.getString(1), id).stream()
                .filter(s -> s != null && !s.isEmpty()).findFirst().orElse(null);
    }

    /** @param secret null keeps the one it has */
    boolean save(String id, String url, List<String> events, String secret, boolean active, String description) {
        String joined = String.join(",", events);
        if (get(id).isPresent()) {
            if (secret == null) {
                update("UPDATE sb_webhook_subscription SET url = ?, events = ?, active = ?, description = ? WHERE id = ?",
                        url, joined, active, description, id);
            } else {
                update("UPDATE sb_webhook_subscription SET url = ?, events = ?, secret = ?, active = ?, description = ? "
                        + "WHERE id = ?", url, joined, secret, active, description, id);
            }
            return false;
        }
        update("INSERT INTO sb_webhook_subscription (id, url, events, secret, active, description, created) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, url, joined, secret, active, description, at(Instant.now()));
        return true;
    }

    boolean delete(String id) {
        update("DELETE FROM sb_webhook_delivery WHERE subscription = ?", id);
        return update("DELETE FROM sb_webhook_subscription WHERE id = ?", id) > 0;
    }

    private static Subscription row(ResultSet rs) throws SQLException {
        List<String> events = Arrays.stream(rs.getString(3).split(",")).filter(e -> !e.isBlank()).toList();
        return new Subscription(rs.getString(1), rs.getString(2), events, rs.getBoolean(5), rs.getString(6),
                rs.getBoolean(4), instant(rs, "created"));
    }
}
