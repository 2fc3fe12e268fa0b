package io.switchboard.sip.provisioning.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.provisioning.ProvisioningEvents;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.RouteVersion;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.routing.RouteCheck;
import io.switchboard.store.api.StaleVersionException;
import io.switchboard.store.api.StoreException;

import static io.switchboard.sip.provisioning.jdbc.internal.Fields.blankToNull;




/**
 * The outbound routes in {@code sb_sip_route}. A route is stored only when the switch's routing can
 * follow it ({@link RouteCheck}) and its trunks exist. Each change and the version of the table it
 * makes are written in one transaction ({@link RouteVersions}).
 */
@Component(service = RouteService.class)
public class JdbcRouteService implements RouteService {

    private static final String COLUMNS = "name, priority, pattern, strip, prepend, days, time_from, time_to, "
            + "time_zone, trunks, enabled, raw_dial_class, schedule";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM sb_sip_route ORDER BY priority, name";

    /** A change of the route table inside the transaction that also keeps the new version. */
    private interface Change {
        void apply(Connection c) throws SQLException;
    }

    private final ProvisioningDatabase db;
    private final TrunkService trunks;
    private final RouteCheck routing;
    private final RouteVersions versions;
    private final LastKnown<String, List<Route>> last = new LastKnown<>();

    @Activate
    public JdbcRouteService(@Reference ProvisioningDatabase db, @Reference TrunkService trunks,
            @Reference RouteCheck routing) {
        this.db = db;
        this.trunks = trunks;
        this.routing = routing;
        this.versions = new RouteVersions(db.dataSource());
        if (versions.none()) {
            write(null, "the route table when versioning began", c -> {
            });
        }
    }

    @Override
    public List<Route> routes() {
        return last.read("", () -> Sql.query(db.dataSource(), SELECT, ps -> {
        }, JdbcRouteService::route));
    }

    @Override
    public Optional<Route> route(String name) {
        return Sql.query(db.dataSource(), "SELECT " + COLUMNS + " FROM sb_sip_route WHERE name = ?",
                ps -> ps.setString(1, name), JdbcRouteService::route).stream().findFirst();
    }

    @Override
    public Route save(Route r, String author) {
        return save(r, author, anything -> true);
    }

    @Override
    public Route save(Route r, String author, Predicate<Optional<Route>> stored) {
        validate(r);
        boolean existed = route(r.name()).isPresent();
        write(author, (existed ? "changed" : "added") + " route " + r.name(), c -> {
            Optional<Route> now = stored(c, r.name());
            if (!stored.test(now)) {
                throw new StaleVersionException("Route " + r.name() + (now.isEmpty() ? " was deleted" : " was changed")
                        + " meanwhile", 0);
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_sip_route WHERE name = ?")) {
                del.setString(1, r.name());
                del.executeUpdate();
            }
            insert(c, List.of(r));
        });
        db.changed(ProvisioningEvents.ROUTE, existed ? ProvisioningEvents.CHANGED : ProvisioningEvents.CREATED,
                r.name());
        return route(r.name()).orElseThrow();
    }

    private void validate(Route r) {
        Fields.checkName(r.name());
        routing.check(r);
        Fields.check(!r.trunks().isEmpty(), "trunks", r.trunks(), "at least one trunk");
        for (String t : r.trunks()) {
            Fields.check(trunks.trunk(t).isPresent(), "trunks", t, "an existing trunk");
        }
    }

    @Override
    public boolean delete(String name, String author) {
        if (route(name).isEmpty()) {
            return false;
        }
        write(author, "deleted route " + name, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_sip_route WHERE name = ?")) {
                del.setString(1, name);
                del.executeUpdate();
            }
        });
        db.changed(ProvisioningEvents.ROUTE, ProvisioningEvents.DELETED, name);
        return true;
    }

    @Override
    public List<RouteVersion> versions() {
        return versions.list();
    }

    @Override
    public Optional<List<Route>> routesAt(int version) {
        return versions.table(version);
    }

    @Override
    public RouteDiff diff(int from, int to) {
        return RouteDiffs.diff(from, to, table(from), table(to));
    }

    private List<Route> table(int version) {
        return versions.table(version).orElseThrow(() -> new IllegalArgumentException(
                "Invalid version '" + version + "': no such version of the route table"));
    }

    @Override
    public RouteVersion rollback(int version, String author) {
        List<Route> table = table(version);
        for (Route r : table) {
            for (String t : r.trunks()) {
                Fields.check(trunks.trunk(t).isPresent(), "version", version, "its route " + r.name() + " uses trunk "
                        + t + ", which no longer exists; add the trunk again first");
            }
        }
        RouteVersion made = write(author, "rolled back to version " + version, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sb_sip_route")) {
                del.executeUpdate();
            }
            insert(c, table);
        });
        db.changed(ProvisioningEvents.ROUTE, ProvisioningEvents.CHANGED, "*");
        return made;
    }

    /** Applies a change and keeps the table it leaves as the next version, in one transaction. */
    private synchronized RouteVersion write(String author, String what, Change change) {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                waitForTheChangeBefore(c);
                change.apply(c);
                List<Route> table = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        table.add(route(rs));
                    }
                }
                RouteVersion v = versions.keep(c, table, author, what);
                c.commit();
                last.keep("", table); // what an outage would serve is the table as committed now
                return v;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot change the route table (" + what + "): " + e.getMessage(), e);
        }
    }

    /**
     * Locks the newest version of the route table: each change, on every server sharing the database, waits
     * here for the one before it to commit, so that a route's check and its write see no other change between
     * them (a route being made has no row of its own to lock) and versions are numbered without a gap or a clash.
     */
    private static void waitForTheChangeBefore(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM sb_sip_route_version WHERE version = "
                + "(SELECT MAX(version) FROM sb_sip_route_version) FOR UPDATE"); ResultSet rs = ps.executeQuery()) {
            rs.next(); // none before the first version
        }
    }

    /** @return the route stored under the name, its row locked until the transaction ends */
    private static Optional<Route> stored(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM sb_sip_route WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(route(rs)) : Optional.empty();
            }
        }
    }

    private static void insert(Connection c, List<Route> routes) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO sb_sip_route (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Route r : routes) {
                ins.setString(1, r.name());
                ins.setInt(2, r.priority());
                ins.setString(3, r.pattern());
                ins.setInt(4, r.strip());
                ins.setString(5, blankToNull(r.prepend()));
                ins.setString(6, blankToNull(r.days()));
                ins.setString(7, blankToNull(r.timeFrom()));
                ins.setString(8, blankToNull(r.timeTo()));
                ins.setString(9, blankToNull(r.timeZone()));
                ins.setString(10, String.join(",", r.trunks()));
                ins.setBoolean(11, r.enabled());
                ins.setString(12, r.rawDialClass() == null ? null : r.rawDialClass().name());
                ins.setString(13, blankToNull(r.schedule()));
                ins.executeUpdate();
            }
        }
    }

    private static Route route(ResultSet rs) throws SQLException {
        return new Route(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), Fields.list(rs.getString(10)),
                rs.getBoolean(11), rs.getString(12) == null ? null : CallClass.valueOf(rs.getString(12)), rs.getString(13));
    }
}
