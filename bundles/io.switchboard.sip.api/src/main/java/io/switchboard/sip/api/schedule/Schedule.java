package io.switchboard.sip.api.schedule;

import java.util.List;

/**
 * A named schedule: open within any of its weekly hours, except on its holidays, in its time zone.
 *
 * @param name how numbers, routes, forwarding and groups name it: letters, digits, '.', '_', '-'
 * @param timeZone a zone such as Europe/Berlin, in which its hours and dates are read
 * @param hours when it is open each week; empty for never (a schedule of holidays only is then closed)
 * @param holidays dates on which it is closed all day, whatever its hours say
 * @param description free text, or null
 */
public record Schedule(String name, String timeZone, List<OpenHours> hours, List<Holiday> holidays,
        String description) {

    public Schedule {
        hours = hours == null ? List.of() : List.copyOf(hours);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }
}
