package io.switchboard.mgmt.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schedules of the management API ({@code /schedules}): weekly hours and holidays in a time zone.
 * Blocks like {@link ManagementClient}: call it from a job.
 *
 * @since 1.12
 */
public final class SchedulesClient {

    /** One line of weekly hours: days ("mon-fri", null for every day), from and to ("08:00"; both null: all day). */
    public record Hours(String days, String from, String to) {
    }

    /** Dates closed all day, from and to as "2026-12-24". */
    public record Holiday(String from, String to, String name) {
    }

    /** Whether a schedule is open now, and why. */
    public record Now(boolean open, String why) {
    }

    public record Schedule(String name, String timeZone, List<Hours> hours, List<Holiday> holidays,
            String description, Now now) {
    }

    private final ManagementClient api;

    public SchedulesClient(ManagementClient api) {
        this.api = api;
    }

    public List<Schedule> all() throws ManagementException {
        return ApiCalls.list(api.get("schedules"), Schedule.class);
    }

    public Schedule of(String name) throws ManagementException {
        return ApiCalls.read(api.get("schedules/" + ApiCalls.path(name)), Schedule.class);
    }

    /**
     * Creates or replaces the schedule.
     *
     * @throws ManagementException 400 naming the first bad field
     */
    public Schedule save(Schedule s) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeZone", s.timeZone());
        body.put("hours", s.hours());
        body.put("holidays", s.holidays());
        body.put("description", s.description() == null || s.description().isBlank() ? null : s.description());
        return ApiCalls.read(ApiCalls.put(api, "schedules/" + ApiCalls.path(s.name()), body), Schedule.class);
    }

    /** @throws ManagementException 409 naming what uses it */
    public boolean delete(String name) throws ManagementException {
        return ApiCalls.delete(api, "schedules/" + ApiCalls.path(name));
    }
}
