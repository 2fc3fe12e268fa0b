package io.switchboard.sip.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.TrunkChoice;
import io.switchboard.sip.api.schedule.OpenHours;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.ScheduleState;

class RoutingTest {

    @Test
    void patterns() {
        RoutePattern uk = RoutePattern.parse("0044XXXXXXXXXX");
        assertTrue(uk.matches("00442079461234", null));
        assertFalse(uk.matches("0044207946123", null), "one digit short");
        assertFalse(uk.matches("004420794612345", null), "one digit long");
        RoutePattern ukAnyForm = RoutePattern.parse("+44.");
        assertTrue(ukAnyForm.matches("02079461234", "+442079461234"), "national form, E.164 matched");
        assertFalse(ukAnyForm.matches("02079461234", null));
        assertFalse(RoutePattern.parse("+44.").matches("+44", "+44"), "the dot wants at least one more");
        assertTrue(RoutePattern.parse("1NXXNXXXXXX").matches("12125550199", null));
        assertFalse(RoutePattern.parse("1NXXNXXXXXX").matches("12121550199", null), "exchange cannot start with 1");
        assertTrue(RoutePattern.parse("9[1-3]Z").matches("925", null));
        assertFalse(RoutePattern.parse("9[1-3]Z").matches("940", null));
        assertTrue(RoutePattern.parse("911").matches("911", null));
        assertFalse(RoutePattern.parse("911").matches("9110", null));
        assertEquals("Invalid pattern '00A1': 'A' is not a digit, X, N, Z, [set] or a final '.' "
                + "(digits, X, N, Z, [1-5], a leading + for E.164, a final . for a prefix)",
                assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse("00A1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse("9[1-"));
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse(" "));
    }

    /** The schedule service as the tests need it: "night" is open from 22:00 to 06:00 UTC. */
    static final Routing.ScheduleCheck SCHEDULES = new Routing.ScheduleCheck() {
        @Override
        public ScheduleState named(String name, Instant when) {
            int hour = when.atZone(ZoneOffset.UTC).getHour();
            return name.equals("night") ? new ScheduleState(name, hour >= 22 || hour < 6, hour >= 22 || hour < 6
                    ? "open: every day 22:00-06:00" : "closed: outside every day 22:00-06:00")
                    : new ScheduleState(name, false, "closed: no schedule named " + name);
        }

        @Override
        public ScheduleState unnamed(Schedule s, Instant when) {
            OpenHours h = s.hours().get(0);
            boolean weekend = when.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() >= 6;
            return new ScheduleState(s.name(), h.days().equals("sat,sun") == weekend, "decided as " + h.days());
        }
    };

    @Test
    void firstMatchingRouteWhoseScheduleIsOpenDecides() {
        Route nightUk = route("uk-night", 10, "+44.", 0, null, List.of("cheap")).withSchedule("night");
        Route uk = route("uk", 20, "+44.", 3, "0044", List.of("carrier-a", "carrier-b"));
        Route off = new Route("off", 1, "+44.", 0, null, null, null, null, null, List.of("x"),
                false);
        List<Route> routes = List.of(off, nightUk, uk);
        Routing.TrunkCheck check = t -> t.equals("carrier-a") ? "down since 2026-11-21T10:00:00Z" : null;

        RouteDecision night = Routing.decide(routes, "02079461234", "+442079461234",
                Instant.parse("2026-11-24T23:30:00Z"), check, SCHEDULES, List.of());
        assertEquals("uk-night", night.route());
        assertEquals("+442079461234", night.send());
        assertTrue(night.reasons().get(1).contains("disabled"), night.reasons().toString());
        assertTrue(night.reasons().get(2).contains("schedule night open: every day 22:00-06:00"),
                night.reasons().toString());

        // noon: the day route; strip 3 of +44..., prepend 0044; first trunk down, second usable
        RouteDecision day = Routing.decide(routes, "02079461234", "+442079461234",
                Instant.parse("2026-11-24T12:00:00Z"), check, SCHEDULES, List.of());
        assertEquals("uk", day.route());
        assertEquals("00442079461234", day.send());
        assertEquals(List.of(new TrunkChoice("carrier-a", false, "down since 2026-11-21T10:00:00Z"),
                new TrunkChoice("carrier-b", true, "usable")), day.trunks());
        assertTrue(day.reasons().stream().anyMatch(w -> w.equals("route uk-night: pattern matches, but schedule night "
                + "is closed: outside every day 22:00-06:00")), day.reasons().toString());

        RouteDecision none = Routing.decide(routes, "911", null, Instant.now(), check, SCHEDULES, List.of());
        assertEquals(RouteDecision.Outcome.REJECTED, none.outcome());
        assertEquals(404, none.status());
        assertNull(none.send());
        assertEquals("no route matches", none.reasons().get(none.reasons().size() - 1));
    }

    @Test
    void aRoutesOwnWindowFromBeforeSchedulesIsDecidedAsASchedule() {
        Route weekend = new Route("weekend", 10, "+44.", 0, null, "sat,sun", null, null, "UTC", List.of("a"), true);
        assertTrue(weekend.hasOwnWindow());
        assertEquals("weekend", Routing.decide(List.of(weekend), "02079461234", "+442079461234",
                Instant.parse("2026-11-22T10:00:00Z"), t -> null, SCHEDULES, List.of()).route(), "a Sunday");
        assertEquals(RouteDecision.Outcome.REJECTED, Routing.decide(List.of(weekend), "02079461234", "+442079461234",
                Instant.parse("2026-11-23T10:00:00Z"), t -> null, SCHEDULES, List.of()).outcome(), "a Monday");
        // new routes name a schedule instead
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Routing.check(weekend)).getMessage()
                .contains("PUT /schedules/NAME"));
        Routing.check(weekend.withSchedule("weekend"));
        assertThrows(IllegalArgumentException.class, () -> Routing.check(weekend.withSchedule("a b")));
    }

    private static Route route(String name, int priority, String pattern, int strip, String prepend,
            List<String> trunks) {
        return new Route(name, priority, pattern, strip, prepend, null, null, null, null, trunks, true);
    }
}
