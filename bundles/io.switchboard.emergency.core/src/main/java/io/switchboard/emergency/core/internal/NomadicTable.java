package io.switchboard.emergency.core.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.switchboard.emergency.api.NomadicUser;

/** The nomadic users in {@code sb_emergency_nomadic}: where their phones last registered from, and what was confirmed. */
final class NomadicTable extends Table {

    private static final String COLUMNS = "username, last_source, unknown_network, confirmed_location, seen";

    NomadicTable(DataSource db) {
        super(db, "nomadic users");
    }

    List<NomadicUser> all() {
        return query("SELECT " + COLUMNS + " FROM sb_emergency_nomadic ORDER BY username", NomadicTable::row);
    }

    Optional<NomadicUser> get(String user) {
        return query("SELECT " + COLUMNS + " FROM sb_emergency_nomadic WHERE username = ?", NomadicTable::row, user)
                .stream().findFirst();
    }

    void mark(String user, boolean nomadic) {
        if (!nomadic) {
            update("DELETE FROM sb_emergency_nomadic WHERE username = ?", user);
        } else if (get(user).isEmpty()) {
            update("INSERT INTO sb_emergency_nomadic (username, unknown_network) VALUES (?, FALSE)", user);
        }
    }

    /** Its phone registered from {@code source}, in a network of {@code location} (null: of no known network). */
    void seen(String user, String source, String location, Instant at) {
        if (location == null) {
            update("UPDATE sb_emergency_nomadic SET last_source = ?, unknown_network = TRUE, seen = ? WHERE username = ?",
                    source, Timestamp.from(at), user);
        } else {
            update("UPDATE sb_emergency_nomadic SET last_source = ?, unknown_network = FALSE, confirmed_location = ?, "
                    + "seen = ? WHERE username = ?", source, location, Timestamp.from(at), user);
        }
    }

    void confirm(String user, String location) {
        update("UPDATE sb_emergency_nomadic SET confirmed_location = ? WHERE username = ?", location, user);
    }

    private static NomadicUser row(ResultSet rs) throws SQLException {
        Timestamp seen = rs.getTimestamp(5);
        return new NomadicUser(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                seen == null ? null : seen.toInstant());
    }
}
