package io.switchboard.sip.api.schedule;

/**
 * Whether a schedule is open at an instant.
 *
 * @param schedule the schedule's name
 * @param open whether it is open
 * @param why for the route simulator and call records: "open: mon-fri 08:00-18:00 Europe/Berlin",
 *            "closed: holiday Christmas", "closed: no schedule named x"
 */
public record ScheduleState(String schedule, boolean open, String why) {
}
