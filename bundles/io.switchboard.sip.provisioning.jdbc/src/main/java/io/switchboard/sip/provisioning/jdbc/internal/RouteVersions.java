package io.switchboard.sip.provisioning.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteVersion;
import io.switchboard.store.api.StoreException;

/**
 * The versions of the route table in {@code sb_sip_route_version}: after every change the whole
 * table is kept as JSON, with who changed it and how, so any two can be compared and any one put back.
 */
final class RouteVersions {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<Route>> TABLE = new TypeReference<>() {
    };
    private static final String SYSTEM = "system";

    private final DataSource db;

    RouteVersions(DataSource db) {
        this.db = db;
    }

    List<RouteVersion> list() {
        return Sql.query(db, "SELECT version, created, author, change_text, route_count FROM sb_sip_route_version "
                + "ORDER BY version DESC", ps -> {
                }, rs -> new RouteVersion(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getInt(5)));
    }

    /** @return whether no version has been kept yet (a table from before versioning) */
    boolean none() {
        return Sql.query(db, "SELECT COUNT(*) FROM sb_sip_route_version", ps -> {
        }, rs -> rs.getInt(1)).get(0) == 0;
    }

    Optional<List<Route>> table(int version) {
        return Sql.query(db, "SELECT routes FROM sb_sip_route_version WHERE version = ?", ps -> ps.setInt(1, version),
                rs -> rs.getString(1)).stream().findFirst().map(RouteVersions::parse);
    }

    /** Keeps the table as the next version, in the caller's transaction. */
    RouteVersion keep(Connection c, List<Route> table, String author, String change) throws SQLException {
        int next;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM sb_sip_route_version");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            next = rs.getInt(1) + 1;
        }
        RouteVersion v = new RouteVersion(next, Instant.now(), author == null || author.isBlank() ? SYSTEM : author,
                change, table.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sb_sip_route_version (version, created, author, "
                + "change_text, route_count, routes) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, v.version());
            ps.setTimestamp(2, Timestamp.from(v.created()));
            ps.setString(3, v.author());
            ps.setString(4, v.change());
            ps.setInt(5, v.routes());
            ps.setString(6, json(table));
            ps.executeUpdate();
        }
        return v;
    }

    private static String json(List<Route> table) {
        try {
            return JSON.writeValueAsString(table);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot keep the route table as JSON: " + e.getMessage(), e);
        }
    }

    private static List<Route> parse(String json) {
        try {
            return JSON.readValue(json, TABLE);
        } catch (JsonProcessingException e) {
            throw new StoreException("A kept route table is not readable: " + e.getMessage(), e);
        }
    }
}
