package io.switchboard.schedules.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.schedule.Holiday;
import io.switchboard.sip.api.schedule.OpenHours;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.ScheduleState;

/** Schedules decided at chosen instants: the clock is the instant each test asks about. */
class WeekTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final Week OFFICE = Week.of(new Schedule("office", "Europe/Berlin",
            List.of(new OpenHours("mon-fri", "08:00", "18:00"), new OpenHours("sat", "09:00", "12:00")),
            List.of(new Holiday(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 26), "Christmas")), null));

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @Test
    void openWithinItsHoursInItsOwnZone() {
        ScheduleState s = OFFICE.state(berlin("2026-12-01T08:00")); // a Tuesday
        assertTrue(s.open(), s.why());
        assertTrue(s.why().startsWith("open: mon-fri 08:00-18:00"), s.why());
        assertFalse(OFFICE.state(berlin("2026-12-01T07:59")).open());
        assertFalse(OFFICE.state(berlin("2026-12-01T18:00")).open(), "closing time is closed");
        assertTrue(OFFICE.state(berlin("2026-12-05T11:59")).open(), "Saturday morning");
        assertFalse(OFFICE.state(berlin("2026-12-06T10:00")).open(), "Sunday");
        // 07:30 UTC is 08:30 in Berlin in winter
        assertTrue(OFFICE.state(Instant.parse("2026-12-01T07:30:00Z")).open());
    }

    @Test
    void holidaysCloseWholeDaysWhateverTheHoursSay() {
        ScheduleState s = OFFICE.state(berlin("2026-12-24T10:00"));
        assertFalse(s.open());
        assertTrue(s.why().startsWith("closed: holiday Christmas"), s.why());
        assertFalse(OFFICE.state(berlin("2026-12-26T10:00")).open(), "the last day of the holiday");
        assertTrue(OFFICE.state(berlin("2026-12-28T10:00")).open(), "the Monday after");
    }

    @Test
    void hoursFollowDaylightSavingAsTheLocalClockDoes() {
        // summer time: 08:30 in Berlin is 06:30 UTC
        assertTrue(OFFICE.state(Instant.parse("2026-07-01T06:30:00Z")).open());
        assertFalse(OFFICE.state(Instant.parse("2026-07-01T05:30:00Z")).open());
    }

    @Test
    void hoursOverMidnightRunIntoTheNextDay() {
        Week night = Week.of(new Schedule("night", "UTC", List.of(new OpenHours("fri", "22:00", "06:00")), List.of(),
                null));
        assertTrue(night.state(Instant.parse("2026-12-04T23:00:00Z")).open(), "Friday night");
        assertTrue(night.state(Instant.parse("2026-12-05T05:59:00Z")).open(), "Saturday early");
        assertFalse(night.state(Instant.parse("2026-12-05T06:00:00Z")).open());
        assertFalse(night.state(Instant.parse("2026-12-04T05:00:00Z")).open(), "Friday early belongs to Thursday");
        Week allDay = Week.of(new Schedule("always", "UTC", List.of(new OpenHours(null, "00:00", "24:00")), List.of(),
                null));
        assertTrue(allDay.state(Instant.parse("2026-12-04T23:59:00Z")).open());
        assertTrue(allDay.state(Instant.parse("2026-12-04T00:00:00Z")).open());
    }

    @Test
    void aScheduleWithoutHoursIsClosedAndSaysSo() {
        ScheduleState s = Week.of(new Schedule("never", "UTC", List.of(), List.of(), null)).state(Instant.now());
        assertFalse(s.open());
        assertTrue(s.why().startsWith("closed: it has no open hours"), s.why());
    }

    @Test
    void badFieldsAreNamed() {
        assertEquals("timeZone: 'Mars/Base' is no zone like Europe/Berlin or UTC", assertThrows(
                IllegalArgumentException.class, () -> Week.of(new Schedule("x", "Mars/Base", List.of(), List.of(),
                        null))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Week.of(new Schedule("x", "UTC",
                List.of(new OpenHours("mon-fri", "08:00", "18:00"), new OpenHours("moon", "08:00", "18:00")), List.of(),
                null))).getMessage().startsWith("hours[1]: days 'moon'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Week.of(new Schedule("x", "UTC",
                List.of(new OpenHours(null, "25:00", "26:00")), List.of(), null))).getMessage().startsWith("hours[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Week.of(new Schedule("x", "UTC",
                List.of(new OpenHours(null, "09:00", null)), List.of(), null))).getMessage().contains("go together"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Week.of(new Schedule("x", "UTC", List.of(),
                List.of(new Holiday(LocalDate.of(2026, 12, 26), LocalDate.of(2026, 12, 24), null)), null)))
                .getMessage().startsWith("holidays[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Week.of(new Schedule("a b", "UTC", List.of(),
                List.of(), null))).getMessage().startsWith("name:"));
    }
}
