package io.switchboard.schedules.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.schedule.OpenHours;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.Schedules;

/**
 * Moves the time window a route carried before schedules existed (days, times, zone) onto a
 * schedule named {@code route-NAME}, and the route onto that schedule: the route table keeps the
 * change as a version, by "schedules". Does nothing for routes that have no window of their own, so
 * it runs at every start, and on every node, without harm.
 */
final class RouteWindows {

    private static final Logger LOG = System.getLogger(RouteWindows.class.getName());
    static final String AUTHOR = "schedules";

    private RouteWindows() {
    }

    static int move(RouteService routes, Schedules schedules) {
        int moved = 0;
        for (Route r : routes.routes()) {
            if (!r.hasOwnWindow() || r.schedule() != null) {
                continue;
            }
            String name = free(schedules, "route-" + r.name().replaceAll("[^A-Za-z0-9._-]", "_"));
            String zone = r.timeZone() == null || r.timeZone().isBlank() ? "UTC" : r.timeZone().trim();
            schedules.save(new Schedule(name, zone, List.of(new OpenHours(r.days(), r.timeFrom(), r.timeTo())),
                    List.of(), "the time window route " + r.name() + " had"));
            routes.save(r.withSchedule(name), AUTHOR);
            LOG.log(Level.INFO, "Route " + r.name() + "'s time window moved onto schedule " + name);
            moved++;
        }
        return moved;
    }

    private static String free(Schedules schedules, String base) {
        String name = base.length() > 60 ? base.substring(0, 60) : base;
        for (int i = 2; schedules.schedule(name).isPresent(); i++) {
            name = (base.length() > 57 ? base.substring(0, 57) : base) + "-" + i;
        }
        return name;
    }
}
