package io.switchboard.sip.api.schedule;

import java.time.LocalDate;

/**
 * Dates on which a schedule is closed all day.
 *
 * @param from the first date
 * @param to the last date, the same as {@code from} for one day (null means the same)
 * @param name what it is ("Christmas"), shown in the route simulator's reasons
 */
public record Holiday(LocalDate from, LocalDate to, String name) {

    public Holiday {
        if (to == null) {
            to = from;
        }
    }
}
