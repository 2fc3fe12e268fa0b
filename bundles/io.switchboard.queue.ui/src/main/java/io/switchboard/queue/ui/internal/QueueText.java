package io.switchboard.queue.ui.internal;

import java.util.Arrays;
import java.util.List;

/** What an admin types in the queue form, read before it is sent: the server checks the rest. */
final class QueueText {

    private QueueText() {
    }

    /** @return the names of "alice, bob" (commas or spaces between), none for a blank text */
    static List<String> names(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @return the whole number typed, or the default when nothing is
     * @throws IllegalArgumentException naming the field when it is no whole number
     */
    static int number(String field, String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": a whole number, not '" + text.trim() + "'");
        }
    }
}
