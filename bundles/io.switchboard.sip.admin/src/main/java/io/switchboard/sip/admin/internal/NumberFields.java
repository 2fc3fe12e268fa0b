package io.switchboard.sip.admin.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.NumberState;

/**
 * A number's lifecycle fields as the API and CSV files give them: each field given replaces the
 * stored one, each field left out keeps it, so that changing a description never moves a number
 * out of quarantine.
 */
final class NumberFields {

    static final String[] NAMES = { "state", "carrier", "monthlyCost", "portDate", "releaseDate" };

    private NumberFields() {
    }

    /**
     * @param given a field's text, or null when it is not given
     * @param cleared whether a field was given empty (null in JSON): it is cleared
     * @param stored the number's lifecycle as stored, or null for a new number
     * @throws IllegalArgumentException naming the field that cannot be read
     */
    static NumberLifecycle lifecycle(Function<String, String> given, Function<String, Boolean> cleared,
            NumberLifecycle stored) {
        NumberLifecycle was = stored == null ? NumberLifecycle.IN_SERVICE : stored;
        String state = given.apply("state");
        String cost = given.apply("monthlyCost");
        BigDecimal monthlyCost;
        try {
            monthlyCost = cost != null ? new BigDecimal(cost.trim()) : cleared.apply("monthlyCost") ? null : was.monthlyCost();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid monthlyCost '" + cost + "': an amount such as 1.25");
        }
        return new NumberLifecycle(state != null ? NumberState.of(state) : was.state(),
                text(given, cleared, "carrier", was.carrier()), monthlyCost,
                date(given, cleared, "portDate", was.portDate()), date(given, cleared, "releaseDate", was.releaseDate()));
    }

    private static String text(Function<String, String> given, Function<String, Boolean> cleared, String name,
            String was) {
        String v = given.apply(name);
        return v != null ? v.trim() : cleared.apply(name) ? null : was;
    }

    private static LocalDate date(Function<String, String> given, Function<String, Boolean> cleared, String name,
            LocalDate was) {
        String v = given.apply(name);
        if (v == null) {
            return cleared.apply(name) ? null : was;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid " + name + " '" + v + "': a date such as 2026-12-01");
        }
    }
}
