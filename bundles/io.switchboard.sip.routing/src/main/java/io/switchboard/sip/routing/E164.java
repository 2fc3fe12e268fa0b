package io.switchboard.sip.routing;

import java.util.regex.Pattern;

import io.switchboard.numbering.api.NumberNormalization;

/** The E.164 form of what was dialled, by the numbering service when there is one. */
final class E164 {

    private static final Pattern PLAIN = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private E164() {
    }

    /**
     * @param numbering the numbering service, or null: then only a number already in E.164 form has one
     * @return the E.164 form, or null when it has none
     */
    static String of(NumberNormalization numbering, String dialled) {
        if (dialled == null) {
            return null;
        }
        if (numbering == null) {
            return PLAIN.matcher(dialled).matches() ? dialled : null;
        }
        if (dialled.chars().anyMatch(Character::isLetter)) {
            // a user name such as "alice": never a number, and the service's exception (with its
            // stack trace) on every call from a user cost more than the rest of the lookup
            return null;
        }
        try {
            return numbering.normalize(dialled, null).e164();
        } catch (IllegalArgumentException notANumber) {
            return null;
        }
    }
}
