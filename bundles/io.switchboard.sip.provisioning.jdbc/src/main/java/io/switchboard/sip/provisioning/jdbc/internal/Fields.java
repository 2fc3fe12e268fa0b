package io.switchboard.sip.provisioning.jdbc.internal;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of values on their way in, and the comma lists that the tables keep lists as. */
final class Fields {

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
