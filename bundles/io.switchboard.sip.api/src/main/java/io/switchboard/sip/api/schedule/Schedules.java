package io.switchboard.sip.api.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The schedules. The switch asks {@link #state} on SIP threads, so it answers from memory; changes
 * are stored first (the database is the source of truth) and read by every node.
 */
@ProviderType
public interface Schedules {

    List<Schedule> schedules();

    Optional<Schedule> schedule(String name);

    /** @return whether the named schedule is open at that instant; closed, and saying so, for an unknown name */
    ScheduleState state(String name, Instant when);

    /**
     * Decides a schedule that is not stored: a route's own time window from before schedules, in a
     * kept version of the route table.
     *
     * @throws IllegalArgumentException naming the schedule's first bad field
     */
    ScheduleState state(Schedule schedule, Instant when);

    /**
     * Creates or replaces a schedule.
     *
     * @throws IllegalArgumentException naming the first bad field
     */
    Schedule save(Schedule schedule);

    /**
     * @return whether it existed
     * @throws IllegalStateException naming what uses it (a route, number, group or user's forwarding)
     */
    boolean delete(String name);
}
