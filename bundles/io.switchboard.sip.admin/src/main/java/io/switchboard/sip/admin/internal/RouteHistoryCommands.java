package io.switchboard.sip.admin.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.RouteVersion;

/**
 * Gogo shell commands for the route table's history: {@code sip:routeversions},
 * {@code sip:routediff FROM TO} and {@code sip:routerollback VERSION}.
 */
@Component(service = RouteHistoryCommands.class, property = { "osgi.command.scope=sip",
        "osgi.command.function=routeversions", "osgi.command.function=routediff",
        "osgi.command.function=routerollback" })
public class RouteHistoryCommands {

    private static final String NL = System.lineSeparator();

    @Reference
    private RouteService routes;

    public String routeversions() {
        StringBuilder sb = new StringBuilder(String.format("%7s  %-24s %-12s %6s  %s%n", "version", "created", "author",
                "routes", "change"));
        for (RouteVersion v : routes.versions()) {
            sb.append(String.format("%7d  %-24s %-12s %6d  %s%n", v.version(), v.created(), v.author(), v.routes(),
                    v.change()));
        }
        return sb.toString();
    }

    public String routediff(int from, int to) {
        RouteDiff diff = routes.diff(from, to);
        if (diff.changes().isEmpty()) {
            return "Versions " + from + " and " + to + " have the same routes" + NL;
        }
        StringBuilder sb = new StringBuilder();
        for (RouteDiff.Change c : diff.changes()) {
            sb.append(switch (c.kind()) {
                case ADDED -> "+ " + c.name() + "  " + c.after();
                case REMOVED -> "- " + c.name() + "  " + c.before();
                case CHANGED -> "~ " + c.name() + "  " + String.join(", ", c.fields()) + NL + "    was " + c.before()
                        + NL + "    now " + c.after();
            }).append(NL);
        }
        return sb.toString();
    }

    public String routerollback(int version) {
        RouteVersion v = routes.rollback(version, "shell");
        return "The route table is as in version " + version + " again, as version " + v.version() + NL;
    }
}
