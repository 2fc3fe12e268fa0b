package io.switchboard.sip.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteDecision.Outcome;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.sip.api.schedule.OpenHours;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.ScheduleState;

/**
 * Outbound routing: the first enabled route, in priority order, whose pattern matches the dialled
 * number and whose schedule is open at the call's time decides; it rewrites the number (strip,
 * prepend) and lists its trunks in order, each with whether it can take the call now. {@link Router}
 * gives it the calls that leave the switch.
 */
public final class Routing {

    /** Whether a trunk can take a call now, and why not. */
    interface TrunkCheck {
        /** @return null when usable, else the reason */
        String unusable(String trunk);

        /** @return the same for an emergency call, which a trunk's channel limit never refuses */
        default String unusableForEmergency(String trunk) {
            return unusable(trunk);
        }
    }

    /** Whether a schedule is open: a named one, or a route's own window decided as one. */
    public interface ScheduleCheck {
        ScheduleState named(String name, Instant when);

        /** @throws IllegalArgumentException naming the schedule's first bad field */
        ScheduleState unnamed(Schedule schedule, Instant when);
    }

    /** How the simulator names a route's own window from before schedules. */
    static final String OWN_WINDOW = "(the route's own window)";

    private Routing() {
    }

    /**
     * Whether routing can follow a route: its pattern, rewrite and time window.
     *
     * @throws IllegalArgumentException naming the first bad field
     */
    static void check(Route r) {
        RoutePattern.parse(r.pattern());
        check(r.strip() >= 0 && r.strip() <= 20, "strip", r.strip(), "0 to 20 digits");
        check(r.prepend() == null || r.prepend().matches("\\+?[0-9*#]{0,20}"), "prepend", r.prepend(), "digits");
        if (r.hasOwnWindow()) {
            throw new IllegalArgumentException("Invalid days/timeFrom/timeTo: a route's hours are a schedule's now; "
                    + "make one (PUT /schedules/NAME) and name it in schedule");
        }
        check(r.schedule() == null || r.schedule().matches("[A-Za-z0-9._-]{1,64}"), "schedule", r.schedule(),
                "a schedule's name");
    }

    private static void check(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + field + " '" + value + "': " + expected);
        }
    }

    /**
     * @return whether the route holds then: its schedule's state, or null for a route that always
     *         holds. A window of its own (a kept version from before schedules) is decided as a
     *         schedule by the same service, as {@value #OWN_WINDOW}.
     */
    static ScheduleState hours(Route r, Instant when, ScheduleCheck schedules) {
        if (r.schedule() != null) {
            return schedules.named(r.schedule(), when);
        }
        if (!r.hasOwnWindow()) {
            return null;
        }
        Schedule own = new Schedule(OWN_WINDOW, r.timeZone() == null || r.timeZone().isBlank() ? "UTC" : r.timeZone(),
                List.of(new OpenHours(r.days(), r.timeFrom(), r.timeTo())), List.of(), null);
        try {
            return schedules.unnamed(own, when);
        } catch (IllegalArgumentException e) {
            return new ScheduleState(OWN_WINDOW, false, "closed: " + e.getMessage());
        }
    }

    /**
     * The route table's decision: outcome {@link RouteDecision.Outcome#TRUNKS} with the first
     * matching route's trunks, or {@link RouteDecision.Outcome#REJECTED} 404 when none matches.
     *
     * @param reasons the steps so far; this decision's are added to a copy
     */
    static RouteDecision decide(List<Route> routes, String dialled, String e164, Instant when, TrunkCheck trunks,
            ScheduleCheck schedules, List<String> reasons) {
        List<String> why = new ArrayList<>(reasons);
        why.add("dialled " + dialled + (e164 == null ? " (no E.164 form)" : " = " + e164));
        for (Route r : routes) {
            if (!r.enabled()) {
                why.add("route " + r.name() + ": disabled");
                continue;
            }
            RoutePattern p = RoutePattern.parse(r.pattern());
            if (!p.matches(dialled, e164)) {
                why.add("route " + r.name() + ": pattern " + p + " does not match");
                continue;
            }
            ScheduleState hours = hours(r, when, schedules);
            if (hours != null && !hours.open()) {
                why.add("route " + r.name() + ": pattern matches, but schedule " + hours.schedule() + " is "
                        + hours.why());
                continue;
            }
            String base = p.e164() ? e164 : dialled;
            String send = (r.prepend() == null ? "" : r.prepend()) + base.substring(Math.min(r.strip(), base.length()));
            why.add("route " + r.name() + ": pattern " + p + " matches" + (hours == null ? "" : ", schedule " + hours.schedule() + " " + hours.why())
                    + "; strip " + r.strip() + ", prepend '" + (r.prepend() == null ? "" : r.prepend()) + "' -> " + send);
            List<TrunkChoice> candidates = new ArrayList<>();
            for (String t : r.trunks()) {
                String problem = trunks.unusable(t);
                candidates.add(new TrunkChoice(t, problem == null, problem == null ? "usable" : problem));
            }
            return new RouteDecision(Outcome.TRUNKS, 0, null, null, r.name(), dialled, e164, send, candidates, why);
        }
        why.add("no route matches");
        return new RouteDecision(Outcome.REJECTED, 404, null, null, null, dialled, e164, null, List.of(), why);
    }
}
