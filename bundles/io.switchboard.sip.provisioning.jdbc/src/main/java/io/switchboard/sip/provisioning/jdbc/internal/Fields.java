package io.switchboard.sip.provisioning.jdbc.internal;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.switchboard.store.api.StaleVersionException;

/** Checks of values on their way in, the comma lists that the tables keep lists as, and a stale change refused. */
final class Fields {

    /**
     * @param what the object as the admin calls it ("Trunk carrier-a")
     * @param expected the version the change was made against (0: create only, -1: any)
     * @param now the stored version, 0 when none is stored
     * @return the refusal of a change made against another version than the stored one
     */
    static StaleVersionException stale(String what, long expected, long now) {
        if (now == 0) {
            return new StaleVersionException(what + " is not stored (any more)", 0);
        }
        if (expected == 0) {
            return new StaleVersionException(what + " is stored already, at version " + now, now);
        }
        return new StaleVersionException(what + " was changed meanwhile: it is at version " + now
                + (expected > 0 ? ", the change was made against " + expected : ""), now);
    }

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Fields() {
    }

    static void checkName(String name) {
        check(name != null && NAME.matcher(name).matches(), "name", name, "1 to 64 letters, digits, '.', '_' or '-'");
    }

    /** @throws IllegalArgumentException "Invalid field 'value': expected" */
    static void check(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + field + " '" + value + "': " + expected);
        }
    }

    static List<String> list(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
