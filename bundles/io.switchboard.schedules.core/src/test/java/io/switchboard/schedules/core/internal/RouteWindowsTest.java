package io.switchboard.schedules.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.RouteVersion;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.ScheduleState;
import io.switchboard.sip.api.schedule.Schedules;

/** The time windows routes had before schedules move onto schedules that decide as the windows did. */
class RouteWindowsTest {

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final List<String> authors = new ArrayList<>();
    private final Map<String, Week> schedules = new LinkedHashMap<>();

    @Test
    void windowsMoveOntoSchedulesOnceAndDecideAlike() {
        Route night = new Route("uk-night", 10, "+44.", 0, null, "mon-fri", "22:00", "06:00", "Europe/London",
                List.of("cheap"), true);
        routes.put("uk-night", night);
        routes.put("uk", new Route("uk", 20, "+44.", 0, null, null, null, null, null, List.of("a"), true));
        schedules.put("route-uk-night", Week.of(new Schedule("route-uk-night", "UTC", List.of(), List.of(), null)));

        assertEquals(1, RouteWindows.move(routeService(), schedules()));
        Route moved = routes.get("uk-night");
        assertEquals("route-uk-night-2", moved.schedule(), "a name already taken is not overwritten");
        assertFalse(moved.hasOwnWindow());
        assertEquals(List.of(RouteWindows.AUTHOR), authors);
        assertNull(routes.get("uk").schedule(), "a route without a window keeps none");
        Week w = schedules.get("route-uk-night-2");
        // Tuesday 23:30 in London is within the window, Tuesday noon is not, as before
        assertTrue(w.state(Instant.parse("2026-11-24T23:30:00Z")).open());
        assertTrue(w.state(Instant.parse("2026-11-25T05:30:00Z")).open(), "Wednesday early, over midnight");
        assertFalse(w.state(Instant.parse("2026-11-24T12:00:00Z")).open());
        assertEquals(0, RouteWindows.move(routeService(), schedules()), "nothing left to move");
    }

    private Schedules schedules() {
        return new Schedules() {
            @Override
            public List<Schedule> schedules() {
                return schedules.values().stream().map(Week::schedule).toList();
            }

            @Override
            public Optional<Schedule> schedule(String name) {
                return Optional.ofNullable(schedules.get(name)).map(Week::schedule);
            }

            @Override
            public ScheduleState state(String name, Instant when) {
                return schedules.get(name).state(when);
            }

            @Override
            public ScheduleState state(Schedule schedule, Instant when) {
                return Week.of(schedule).state(when);
            }

            @Override
            public Schedule save(Schedule schedule) {
                schedules.put(schedule.name(), Week.of(schedule));
                return schedule;
            }

            @Override
            public boolean delete(String name) {
                return schedules.remove(name) != null;
            }
        };
    }

    private RouteService routeService() {
        return new RouteService() {
            @Override
            public List<Route> routes() {
                return List.copyOf(routes.values());
            }

            @Override
            public Optional<Route> route(String name) {
                return Optional.ofNullable(routes.get(name));
            }

            @Override
            public Route save(Route route, String author) {
                authors.add(author);
                routes.put(route.name(), route);
                return route;
            }

            @Override
            public boolean delete(String name, String author) {
                throw new AssertionError("moving windows deletes no route");
            }

            @Override
            public List<RouteVersion> versions() {
                return List.of();
            }

            @Override
            public Optional<List<Route>> routesAt(int version) {
                return Optional.empty();
            }

            @Override
            public RouteDiff diff(int from, int to) {
                throw new AssertionError();
            }

            @Override
            public RouteVersion rollback(int version, String author) {
                throw new AssertionError();
            }
        };
    }
}
