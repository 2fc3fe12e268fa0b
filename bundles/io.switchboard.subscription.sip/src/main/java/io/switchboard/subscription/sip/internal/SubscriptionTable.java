package io.switchboard.subscription.sip.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.switchboard.sip.api.subscription.Subscription;
import io.switchboard.store.api.StoreException;

/**
 * The table {@code sb_sip_subscription}: each SUBSCRIBE dialog with what a NOTIFY needs (tags, URIs,
 * route set, where the phone is, the next CSeq and body version). The next CSeq and version are
 * taken in one update, so that two servers notifying the same subscription never send one twice.
 */
final class SubscriptionTable {

    /** A subscription's dialog, as NOTIFY needs it. */
    record Row(String id, String event, String resource, boolean list, String subscriber, String callId,
            String localTag, String remoteTag, String localUri, String remoteUri, String contact, String routeSet,
            String source, long localCseq, long version, Instant expires) {

        /** @return the same subscription with the CSeq and version of another NOTIFY */
        Row numbered(long cseq, long number) {
            return new Row(id, event, resource, list, subscriber, callId, localTag, remoteTag, localUri, remoteUri,
                    contact, routeSet, source, cseq, number, expires);
        }

        Subscription subscription() {
            return new Subscription(id, event, resource, localUri, subscriber, contact, version, expires);
        }
    }

    private static final String COLUMNS = "id, event, resource, resource_list, subscriber, call_id, local_tag, remote_tag, local_uri, "
            + "remote_uri, contact, route_set, source, local_cseq, version, expires_at";

    private final DataSource db;

    SubscriptionTable(DataSource db) {
        this.db = db;
    }

    void insert(Row r) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sb_sip_subscription ("
                + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.event());
            ps.setString(3, r.resource());
            ps.setBoolean(4, r.list());
            String[] text = { r.subscriber(), r.callId(), r.localTag(), r.remoteTag(), r.localUri(), r.remoteUri(),
                    r.contact(), r.routeSet(), r.source() };
            for (int i = 0; i < text.length; i++) {
                ps.setString(i + 5, text[i]);
            }
            ps.setLong(14, r.localCseq());
            ps.setLong(15, r.version());
            ps.setTimestamp(16, Timestamp.from(r.expires()));
            ps.setTimestamp(17, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot keep the subscription of " + r.subscriber() + ": " + e.getMessage(), e);
        }
    }

    Optional<Row> byDialog(String callId, String localTag) {
        List<Row> rows = select("SELECT " + COLUMNS + " FROM sb_sip_subscription WHERE call_id = ? AND local_tag = ?",
                callId, localTag);
        return rows.stream().findFirst();
    }

    Optional<Row> byId(String id) {
        return select("SELECT " + COLUMNS + " FROM sb_sip_subscription WHERE id = ?", id).stream().findFirst();
    }

    /** @return the subscriptions to resource lists of this package */
    /**
     * @return the live subscriptions a change of the resource's state concerns: those to it, and every
     *         resource list of the package (the caller looks for the resource among their members).
     *         One statement: most changes concern nobody, and a change is made for every call's every
     *         state.
     */
    List<Row> concerned(String event, String resource, Instant now) {
        return select("SELECT " + COLUMNS + " FROM sb_sip_subscription WHERE event = ? AND expires_at > ? "
                + "AND (resource = ? OR resource_list = TRUE)", event, now, resource);
    }

    List<Row> all(Instant now) {
        return select("SELECT " + COLUMNS + " FROM sb_sip_subscription WHERE expires_at > ? ORDER BY created_at", now);
    }

    List<Row> expired(Instant now) {
        return select("SELECT " + COLUMNS + " FROM sb_sip_subscription WHERE expires_at <= ?", now);
    }

    /** A refresh: the new expiry, and the phone's new Contact and source (it may have moved). */
    void refresh(String id, Instant expires, String contact, String source) {
        update("UPDATE sb_sip_subscription SET expires_at = ?, contact = ?, source = ? WHERE id = ?",
                Timestamp.from(expires), contact, source, id);
    }

    /**
     * Takes the next NOTIFY's CSeq and version of a subscription.
     *
     * @return the row with them, or empty when the subscription is gone
     */
    Optional<Row> next(String id) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sb_sip_subscription SET local_cseq = local_cseq + 1, "
                        + "version = version + 1 WHERE id = ?")) {
                    ps.setString(1, id);
                    if (ps.executeUpdate() == 0) {
                        c.rollback();
                        return Optional.empty();
                    }
                }
                Optional<Row> row;
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM sb_sip_subscription WHERE id = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        row = rs.next() ? Optional.of(read(rs)) : Optional.empty();
                    }
                }
                c.commit();
                // the version a body carries starts at 0; the column holds the one after it
                return row.map(r -> r.numbered(r.localCseq(), r.version() - 1));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot take the next NOTIFY of subscription " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes the next NOTIFY's CSeq and version of every subscription to one user's state, in one
     * update: a change a thousand phones watch costs one commit, not a thousand.
     *
     * @return those subscriptions, each with its NOTIFY's CSeq and version
     */
    List<Row> nextAll(String event, String resource, Instant now) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sb_sip_subscription SET local_cseq = local_cseq + 1, "
                        + "version = version + 1 WHERE event = ? AND resource = ? AND resource_list = FALSE "
                        + "AND expires_at > ?")) {
                    ps.setString(1, event);
                    ps.setString(2, resource);
                    ps.setTimestamp(3, Timestamp.from(now));
                    if (ps.executeUpdate() == 0) {
                        c.rollback();
                        return List.of();
                    }
                }
                List<Row> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sb_sip_subscription "
                        + "WHERE event = ? AND resource = ? AND resource_list = FALSE AND expires_at > ?")) {
                    ps.setString(1, event);
                    ps.setString(2, resource);
                    ps.setTimestamp(3, Timestamp.from(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Row r = read(rs);
                            rows.add(r.numbered(r.localCseq(), r.version() - 1));
                        }
                    }
                }
                c.commit();
                return rows;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot take the next NOTIFYs of " + resource + ": " + e.getMessage(), e);
        }
    }

    boolean remove(String id) {
        return update("DELETE FROM sb_sip_subscription WHERE id = ?", id) > 0;
    }

    /** @return whether the subscription was still expired at {@code now} (no refresh came since) and is now gone */
    boolean removeExpired(String id, Instant now) {
        return update("DELETE FROM sb_sip_subscription WHERE id = ? AND expires_at <= ?", id, Timestamp.from(now)) > 0;
    }

    private int update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot change the subscriptions: " + e.getMessage(), e);
        }
    }

    private List<Row> select(String sql, Object... params) {
        List<Row> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof Instant t ? Timestamp.from(t) : params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the subscriptions: " + e.getMessage(), e);
        }
        return out;
    }

    private static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getLong(14), rs.getLong(15), rs.getTimestamp(16).toInstant());
    }
}
