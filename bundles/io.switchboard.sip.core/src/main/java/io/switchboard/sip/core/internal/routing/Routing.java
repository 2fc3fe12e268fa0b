package io.switchboard.sip.core.internal.routing;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteDecision.Outcome;
import io.switchboard.sip.api.routing.TrunkChoice;

/**
 * Outbound routing: the first enabled route, in priority order, whose pattern matches the dialled
 * number and whose time window holds at the call's time decides; it rewrites the number (strip,
 * prepend) and lists its trunks in order, each with whether it can take the call now. {@link Router}
 * gives it the calls that leave the switch.
 */
public final class Routing {

    /** Whether a trunk can take a call now, and why not. */
    interface TrunkCheck {
        /** @return null when usable, else the reason */
        String unusable(String trunk);
    }

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
        Window.parse(r.days(), r.timeFrom(), r.timeTo(), r.timeZone());
    }

    private static void check(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + field + " '" + value + "': " + expected);
        }
    }

    /**
     * The route table's decision: outcome {@link RouteDecision.Outcome#TRUNKS} with the first
     * matching route's trunks, or {@link RouteDecision.Outcome#REJECTED} 404 when none matches.
     *
     * @param reasons the steps so far; this decision's are added to a copy
     */
    static RouteDecision decide(List<Route> routes, String dialled, String e164, Instant when, TrunkCheck trunks,
            List<String> reasons) {
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
            Window w = Window.parse(r.days(), r.timeFrom(), r.timeTo(), r.timeZone());
            if (!w.contains(when)) {
                why.add("route " + r.name() + ": pattern matches, but " + when + " is outside " + w);
                continue;
            }
            String base = p.e164() ? e164 : dialled;
            String send = (r.prepend() == null ? "" : r.prepend()) + base.substring(Math.min(r.strip(), base.length()));
            why.add("route " + r.name() + ": pattern " + p + " matches" + (w.always() ? "" : ", within " + w)
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

    /** Days of the week and a time of day range, in a time zone. Empty means always. */
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone, String text) {

        public static Window parse(String days, String from, String to, String zone) {
            Set<DayOfWeek> set = EnumSet.allOf(DayOfWeek.class);
            if (days != null && !days.isBlank()) {
                set = EnumSet.noneOf(DayOfWeek.class);
                for (String part : days.toLowerCase(Locale.ROOT).split(",")) {
                    String[] range = part.trim().split("-");
                    DayOfWeek a = day(range[0], days);
                    DayOfWeek b = range.length > 1 ? day(range[1], days) : a;
                    for (DayOfWeek d = a;; d = d.plus(1)) {
                        set.add(d);
                        if (d == b) {
                            break;
                        }
                    }
                }
            }
            LocalTime f = time(from, "timeFrom");
            LocalTime t = time(to, "timeTo");
            if ((f == null) != (t == null)) {
                throw new IllegalArgumentException("Invalid time window: timeFrom and timeTo go together");
            }
            ZoneId z;
            try {
                z = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone.trim());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("Invalid timeZone '" + zone + "': a zone like Europe/London or UTC");
            }
            String text = (days == null || days.isBlank() ? "every day" : days)
                    + (f == null ? "" : " " + f + "-" + t) + " " + z;
            return new Window(set, f, t, z, text);
        }

        boolean always() {
            return days.size() == 7 && from == null;
        }

        boolean contains(Instant when) {
            ZonedDateTime local = when.atZone(zone);
            if (!days.contains(local.getDayOfWeek())) {
                return false;
            }
            if (from == null) {
                return true;
            }
            LocalTime t = local.toLocalTime();
            return from.isBefore(to) || from.equals(to) ? !t.isBefore(from) && t.isBefore(to)
                    : !t.isBefore(from) || t.isBefore(to); // over midnight
        }

        @Override
        public String toString() {
            return text;
        }

        private static DayOfWeek day(String s, String all) {
            String d = s.trim();
            for (DayOfWeek w : DayOfWeek.values()) {
                if (d.length() >= 3 && w.name().toLowerCase(Locale.ROOT).startsWith(d)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("Invalid days '" + all + "': like mon-fri or sat,sun");
        }

        private static LocalTime time(String s, String field) {
            if (s == null || s.isBlank()) {
                return null;
            }
            try {
                return LocalTime.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Invalid " + field + " '" + s + "': HH:MM");
            }
        }
    }
}
