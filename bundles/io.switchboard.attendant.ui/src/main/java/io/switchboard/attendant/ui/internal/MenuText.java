package io.switchboard.attendant.ui.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A menu's keys as an admin writes them, one per line: {@code 1 = sales}. */
final class MenuText {

    private MenuText() {
    }

    /** @return the lines of the keys, by key */
    static String keys(Map<String, String> keys) {
        return keys == null ? "" : new TreeMap<>(keys).entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** @return the keys of the lines; the server judges them (a line without "=" is named as a key) */
    static Map<String, String> keys(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            out.put((eq < 0 ? line : line.substring(0, eq)).trim(), eq < 0 ? "" : line.substring(eq + 1).trim());
        }
        return out;
    }

    /** @return the keys on one line, for the table: {@code 1 sales, 2 menu:801} */
    static String summary(Map<String, String> keys) {
        return keys == null ? "" : new TreeMap<>(keys).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming the field that is no whole number */
    static int number(String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text.trim() + "' is no whole number");
        }
    }
}
