package io.switchboard.schedules.core.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.switchboard.sip.api.schedule.Holiday;
import io.switchboard.sip.api.schedule.OpenHours;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.ScheduleState;

/**
 * A schedule read for deciding: its hours as days and minutes of the day in its zone. Whether it is
 * open is decided on the local date and time at the instant asked about, so hours follow the zone's
 * daylight saving changes as the people in it see the clock.
 */
final class Week {

    private static final int DAY = 24 * 60;

    /** One line of hours: open from {@code from} to {@code to} minutes on each of its days. */
    record Line(Set<DayOfWeek> days, int from, int to, String text) {

        boolean overnight() {
            return to <= from && !(from == 0 && to == DAY);
        }
    }

    private final Schedule schedule;
    private final ZoneId zone;
    private final List<Line> lines;

    private Week(Schedule schedule, ZoneId zone, List<Line> lines) {
        this.schedule = schedule;
        this.zone = zone;
        this.lines = lines;
    }

    /**
     * @throws IllegalArgumentException naming the first bad field
     */
    static Week of(Schedule s) {
        if (s.name() == null || !s.name().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("name: letters, digits, '.', '_' and '-', 1 to 64");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(s.timeZone() == null ? "" : s.timeZone().trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone: '" + s.timeZone() + "' is no zone like Europe/Berlin or UTC");
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < s.hours().size(); i++) {
            lines.add(line(s.hours().get(i), "hours[" + i + "]"));
        }
        for (int i = 0; i < s.holidays().size(); i++) {
            Holiday h = s.holidays().get(i);
            if (h.from() == null || h.to().isBefore(h.from())) {
                throw new IllegalArgumentException("holidays[" + i + "]: a first date, and a last date not before it");
            }
            if (h.name() != null && h.name().length() > 128) {
                throw new IllegalArgumentException("holidays[" + i + "]: a name of up to 128 characters");
            }
        }
        if (s.description() != null && s.description().length() > 255) {
            throw new IllegalArgumentException("description: up to 255 characters");
        }
        return new Week(s, zone, List.copyOf(lines));
    }

    Schedule schedule() {
        return schedule;
    }

    /** @return whether it is open at that instant, and why */
    ScheduleState state(Instant when) {
        ZonedDateTime local = when.atZone(zone);
        LocalDate date = local.toLocalDate();
        String at = " (" + local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + date + " "
                + String.format("%02d:%02d", local.getHour(), local.getMinute()) + " " + zone + ")";
        for (Holiday h : schedule.holidays()) {
            if (!date.isBefore(h.from()) && !date.isAfter(h.to())) {
                return new ScheduleState(schedule.name(), false, "closed: holiday"
                        + (h.name() == null || h.name().isBlank() ? "" : " " + h.name()) + at);
            }
        }
        int minute = local.getHour() * 60 + local.getMinute();
        DayOfWeek today = local.getDayOfWeek();
        for (Line l : lines) {
            boolean open = l.overnight()
                    ? l.days().contains(today) && minute >= l.from() || l.days().contains(today.minus(1)) && minute < l.to()
                    : l.days().contains(today) && minute >= l.from() && minute < l.to();
            if (open) {
                return new ScheduleState(schedule.name(), true, "open: " + l.text() + at);
            }
        }
        return new ScheduleState(schedule.name(), false, (lines.isEmpty() ? "closed: it has no open hours"
                : "closed: outside " + String.join(", ", lines.stream().map(Line::text).toList())) + at);
    }

    private static Line line(OpenHours h, String field) {
        Set<DayOfWeek> days = days(h.days(), field);
        boolean allDay = blank(h.from()) && blank(h.to());
        if (!allDay && (blank(h.from()) || blank(h.to()))) {
            throw new IllegalArgumentException(field + ": from and to go together (both empty for the whole day)");
        }
        int from = allDay ? 0 : minutes(h.from(), field);
        int to = allDay ? DAY : minutes(h.to(), field);
        if (from == DAY) {
            throw new IllegalArgumentException(field + ": opens at 24:00; write 00:00 of the next day");
        }
        String text = (blank(h.days()) ? "every day" : h.days().trim().toLowerCase(Locale.ROOT))
                + (allDay ? " all day" : " " + h.from().trim() + "-" + h.to().trim());
        return new Line(days, from, to, text);
    }

    private static Set<DayOfWeek> days(String text, String field) {
        if (blank(text)) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.toLowerCase(Locale.ROOT).split(",")) {
            String[] range = part.trim().split("-");
            if (range.length > 2) {
                throw new IllegalArgumentException(field + ": days '" + text + "' are not like mon-fri or sat,sun");
            }
            DayOfWeek a = day(range[0], text, field);
            DayOfWeek b = range.length > 1 ? day(range[1], text, field) : a;
            for (DayOfWeek d = a;; d = d.plus(1)) {
                set.add(d);
                if (d == b) {
                    break;
                }
            }
        }
        return set;
    }

    private static DayOfWeek day(String s, String all, String field) {
        String d = s.trim();
        for (DayOfWeek w : DayOfWeek.values()) {
            if (d.length() >= 3 && w.name().toLowerCase(Locale.ROOT).startsWith(d)) {
                return w;
            }
        }
        throw new IllegalArgumentException(field + ": days '" + all + "' are not like mon-fri or sat,sun");
    }

    private static int minutes(String s, String field) {
        String t = s.trim();
        if (!t.matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException(field + ": '" + s + "' is no time HH:MM");
        }
        int h = Integer.parseInt(t.substring(0, t.indexOf(':')));
        int m = Integer.parseInt(t.substring(t.indexOf(':') + 1));
        if (m > 59 || h > 24 || h == 24 && m > 0) {
            throw new IllegalArgumentException(field + ": '" + s + "' is no time HH:MM (00:00 to 24:00)");
        }
        return h * 60 + m;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
