package io.switchboard.schedules.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.switchboard.mgmt.client.SchedulesClient.Holiday;
import io.switchboard.mgmt.client.SchedulesClient.Hours;

/**
 * A schedule's hours and holidays as the form writes them, one per line: "mon-fri 08:00-18:00",
 * "sat,sun" (all day), "22:00-06:00" (every day); "2026-12-24..2026-12-26 Christmas",
 * "2027-01-01 New Year". The server checks the values and names a bad one; this only splits lines.
 */
final class ScheduleText {

    private ScheduleText() {
    }

    static List<Hours> hours(String text) {
        List<Hours> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.trim();
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            String days = parts[0].contains(":") ? null : parts[0];
            String times = parts[0].contains(":") ? parts[0] : parts.length > 1 ? parts[1].trim() : null;
            String[] fromTo = times == null ? new String[0] : times.split("-", 2);
            out.add(new Hours(days, fromTo.length > 0 ? fromTo[0].trim() : null,
                    fromTo.length > 1 ? fromTo[1].trim() : null));
        }
        return out;
    }

    static List<Holiday> holidays(String text) {
        List<Holiday> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.trim();
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            String[] dates = parts[0].split("\\.\\.", 2);
            out.add(new Holiday(dates[0], dates.length > 1 ? dates[1] : null, parts.length > 1 ? parts[1] : null));
        }
        return out;
    }

    static String hours(List<Hours> hours) {
        return hours == null ? "" : hours.stream().map(ScheduleText::line).collect(Collectors.joining("\n"));
    }

    static String line(Hours h) {
        String days = h.days() == null || h.days().isBlank() ? "" : h.days();
        String times = h.from() == null ? "" : h.from() + "-" + h.to();
        return days.isEmpty() ? (times.isEmpty() ? "every day" : times) : (times.isEmpty() ? days : days + " " + times);
    }

    static String holidays(List<Holiday> holidays) {
        return holidays == null ? "" : holidays.stream().map(ScheduleText::line).collect(Collectors.joining("\n"));
    }

    static String line(Holiday h) {
        return h.from() + (h.to() == null || h.to().equals(h.from()) ? "" : ".." + h.to())
                + (h.name() == null ? "" : " " + h.name());
    }
}
