package io.switchboard.mgmt.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.switchboard.mgmt.api.Role;
import io.switchboard.store.api.Store;
import io.switchboard.store.api.StoreException;

/** The table {@code sb_account}: one row per account, with its PBKDF2 hash and role. */
final class AccountStore {

    /** An account as the API shows it: never its hash. */
    record Account(String name, Role role, OffsetDateTime created, OffsetDateTime updated) {
    }

    /** SQLSTATE of a unique constraint refusing a row (PostgreSQL and H2 alike). */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Store store;

    AccountStore(Store store) {
        this.store = store;
    }

    /** An account's password hash and role, what a login needs. */
    record Credentials(String hash, Role role) {
    }

    /** @return the account's hash and role in one look-up, or empty when there is no such account */
    Optional<Credentials> credentials(String name) {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT password_hash, role FROM sb_account WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(rs.getString(1), Role.of(rs.getString(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read account '" + name + "'", e);
        }
    }

    Optional<Account> find(String name) {
        return select("WHERE name = ?", name).stream().findFirst();
    }

    List<Account> all() {
        return select("ORDER BY name", null);
    }

    private List<Account> select(String where, String name) {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, role, created, updated FROM sb_account " + where)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<Account> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Account(rs.getString(1), Role.of(rs.getString(2)),
                            rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the accounts", e);
        }
    }

    void insert(String name, String hash, Role role) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        update("INSERT INTO sb_account (password_hash, role, created, updated, name) VALUES (?, ?, ?, ?, ?)", name,
                hash, role.id(), now, now);
    }

    /**
     * @return false when the account is there already: servers starting together on a new database
     *         each try to make the first admin, and one does
     */
    boolean insertIfAbsent(String name, String hash, Role role) {
        try {
            insert(name, hash, role);
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** @return whether the account was there */
    boolean setHash(String name, String hash) {
        return update("UPDATE sb_account SET password_hash = ?, updated = ? WHERE name = ?", name, hash,
                OffsetDateTime.now(ZoneOffset.UTC)) == 1;
    }

    boolean setRole(String name, Role role) {
        return update("UPDATE sb_account SET role = ?, updated = ? WHERE name = ?", name, role.id(),
                OffsetDateTime.now(ZoneOffset.UTC)) == 1;
    }

    boolean delete(String name) {
        return update("DELETE FROM sb_account WHERE name = ?", name) == 1;
    }

    /** Runs a statement whose last parameter is the account's name. */
    private int update(String sql, String name, Object... values) {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.setString(values.length + 1, name);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot change account '" + name + "'", e);
        }
    }
}
