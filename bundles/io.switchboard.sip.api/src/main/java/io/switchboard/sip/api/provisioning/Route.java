package io.switchboard.sip.api.provisioning;

import java.util.List;

/**
 * An outbound route: which dialled numbers, when, rewritten how, over which trunks in order. Routes
 * are tried by priority, then name; the first that matches decides.
 *
 * @param name its name
 * @param priority lower first
 * @param pattern the dialled numbers it takes: a prefix with X (any digit), N (2 to 9), Z (1 to 9),
 *            [1-5] and a trailing "." (anything more), or "e164:" and such a pattern for the number's
 *            E.164 form
 * @param strip how many leading digits go before prepend
 * @param prepend put in front of what is left, or null
 * @param days the days it holds ("mon-fri", "sat,sun"), or null for every day
 * @param timeFrom start of its time window ("08:00"), or null for all day
 * @param timeTo end of its time window, or null
 * @param timeZone the time zone of its window, or null for UTC
 * @param trunks the trunks it uses, in order
 * @param enabled a disabled route is skipped
 * @param rawDialClass the least class of service a caller needs for this route to send a number that
 *            has no E.164 form (a carrier's service code, a dial string with {@code #}), or null: such
 *            numbers never leave through it (since 1.4)
 * @param schedule the schedule during whose open hours the route holds, or null for always (since 1.5;
 *            {@code days}, {@code timeFrom}, {@code timeTo} and {@code timeZone} are what routes had
 *            before: the schedule service moves them onto a schedule of their own, and new routes name
 *            a schedule instead)
 */
public record Route(String name, int priority, String pattern, int strip, String prepend, String days,
        String timeFrom, String timeTo, String timeZone, List<String> trunks, boolean enabled, CallClass rawDialClass,
        String schedule) {

    /** A route without a schedule, as routes were before 1.5. */
    public Route(String name, int priority, String pattern, int strip, String prepend, String days, String timeFrom,
            String timeTo, String timeZone, List<String> trunks, boolean enabled, CallClass rawDialClass) {
        this(name, priority, pattern, strip, prepend, days, timeFrom, timeTo, timeZone, trunks, enabled, rawDialClass,
                null);
    }

    /** @return whether it still carries a time window of its own (from before 1.5) */
    public boolean hasOwnWindow() {
        return days != null && !days.isBlank() || timeFrom != null && !timeFrom.isBlank();
    }

    /** @return this route naming that schedule, with no window of its own */
    public Route withSchedule(String name) {
        return new Route(this.name, priority, pattern, strip, prepend, null, null, null, null, trunks, enabled,
                rawDialClass, name);
    }

    /** A route that sends E.164 numbers only, as routes did before 1.4. */
    public Route(String name, int priority, String pattern, int strip, String prepend, String days, String timeFrom,
            String timeTo, String timeZone, List<String> trunks, boolean enabled) {
        this(name, priority, pattern, strip, prepend, days, timeFrom, timeTo, timeZone, trunks, enabled, null);
    }
}
