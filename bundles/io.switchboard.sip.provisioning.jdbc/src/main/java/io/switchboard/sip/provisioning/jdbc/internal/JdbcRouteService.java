package io.switchboard.sip.provisioning.jdbc.internal;

import static io.switchboard.sip.provisioning.jdbc.internal.Fields.blankToNull;
import static io.switchboard.sip.provisioning.jdbc.internal.Fields.check;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.provisioning.ProvisioningEvents;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.routing.RouteCheck;

/**
 * The outbound routes in {@code sb_sip_route}. A route is stored only when the switch's routing can
 * follow it ({@link RouteCheck}) and its trunks exist.
 */
@Component(service = RouteService.class)
public class JdbcRouteService implements RouteService {

    private static final String COLUMNS = "name, priority, pattern, strip, prepend, days, time_from, time_to, "
            + "time_zone, trunks, enabled";

    private final ProvisioningDatabase db;
    private final TrunkService trunks;
    private final RouteCheck routing;

    @Activate
    public JdbcRouteService(@Reference ProvisioningDatabase db, @Reference TrunkService trunks,
            @Reference RouteCheck routing) {
        this.db = db;
        this.trunks = trunks;
        this.routing = routing;
    }

    @Override
    public List<Route> routes() {
        return Sql.query(db.dataSource(), "SELECT " + COLUMNS + " FROM sb_sip_route ORDER BY priority, name", ps -> {
        }, JdbcRouteService::route);
    }

    @Override
    public Optional<Route> route(String name) {
        return Sql.query(db.dataSource(), "SELECT " + COLUMNS + " FROM sb_sip_route WHERE name = ?",
                ps -> ps.setString(1, name), JdbcRouteService::route).stream().findFirst();
    }

    @Override
    public Route save(Route r) {
        Fields.checkName(r.name());
        routing.check(r);
        check(!r.trunks().isEmpty(), "trunks", r.trunks(), "at least one trunk");
        for (String t : r.trunks()) {
            check(trunks.trunk(t).isPresent(), "trunks", t, "an existing trunk");
        }
        boolean existed = route(r.name()).isPresent();
        Sql.replace(db.dataSource(), "DELETE FROM sb_sip_route WHERE name = ?", del -> del.setString(1, r.name()),
                "INSERT INTO sb_sip_route (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ins -> {
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
                }, "route '" + r.name() + "'");
        db.changed(ProvisioningEvents.ROUTE, existed ? ProvisioningEvents.CHANGED : ProvisioningEvents.CREATED,
                r.name());
        return route(r.name()).orElseThrow();
    }

    @Override
    public boolean delete(String name) {
        boolean gone = Sql.update(db.dataSource(), "DELETE FROM sb_sip_route WHERE name = ?", name) > 0;
        if (gone) {
            db.changed(ProvisioningEvents.ROUTE, ProvisioningEvents.DELETED, name);
        }
        return gone;
    }

    private static Route route(ResultSet rs) throws SQLException {
        return new Route(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), Fields.list(rs.getString(10)),
                rs.getBoolean(11));
    }
}
