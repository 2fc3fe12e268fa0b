package io.switchboard.mgmt.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.switchboard.store.api.Store;
import io.switchboard.store.api.StoreException;

/** The table {@code sb_api_token}: one row per token, with the SHA-256 of its secret, never the secret. */
final class TokenTable {

    /** A token as the API shows it. */
    record Token(String id, String name, List<TokenScope> scopes, String createdBy, OffsetDateTime created,
            OffsetDateTime expires, OffsetDateTime lastUsed, String lastAddress) {
    }

    /** A token with the hash of its secret, what a check needs. */
    record Row(Token token, String secretHash) {
    }

    private static final String COLUMNS = "id, name, scopes, created_by, created, expires, last_used, last_address, "
            + "secret_sha256";
    private final Store store;

    TokenTable(Store store) {
        this.store = store;
    }

    void insert(Token t, String secretHash) {
        update("INSERT INTO sb_api_token (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", t.id(), t.name(),
                String.join(",", t.scopes().stream().map(TokenScope::id).toList()), t.createdBy(), t.created(),
                t.expires(), null, null, secretHash);
    }

    Optional<Row> byId(String id) {
        return select("WHERE id = ?", id).stream().findFirst();
    }

    Optional<Row> byName(String name) {
        return select("WHERE name = ?", name).stream().findFirst();
    }

    List<Row> all() {
        return select("ORDER BY name", null);
    }

    boolean delete(String name) {
        return update("DELETE FROM sb_api_token WHERE name = ?", name) == 1;
    }

    void used(String id, OffsetDateTime at, String address) {
        update("UPDATE sb_api_token SET last_used = ?, last_address = ? WHERE id = ?", at, address, id);
    }

    private List<Row> select(String where, String key) {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sb_api_token " + where)) {
            if (key != null) {
                ps.setString(1, key);
            }
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<TokenScope> scopes = Arrays.stream(rs.getString(3).split(",")).filter(s -> !s.isBlank())
                            .map(TokenScope::of).toList();
                    out.add(new Row(new Token(rs.getString(1), rs.getString(2), scopes, rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                            rs.getObject(7, OffsetDateTime.class), rs.getString(8)), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Cannot read the API tokens", e);
        }
    }

    private int update(String sql, Object... values) {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot change the API tokens", e);
        }
    }
}
