package io.switchboard.numbering.core.internal;

import java.util.regex.Pattern;

/**
 * The built-in E.164 rules, used when no plugin answers: {@code +} or the international prefix
 * {@code 00} (and {@code 011} in North America) start an international number; a national number
 * (with or without its trunk prefix {@code 0}) gets the default country code.
 */
final class E164Rules {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern VISUAL_SEPARATORS = Pattern.compile("[\\s\\-.()/]");

    private E164Rules() {
    }

    /** @return the number without visual separators; rejects anything else that is not a digit */
    static String clean(String dialled) {
        if (dialled == null || dialled.isBlank()) {
            throw new IllegalArgumentException("Empty number");
        }
        String s = VISUAL_SEPARATORS.matcher(dialled.trim()).replaceAll("");
        String digits = s.startsWith("+") ? s.substring(1) : s;
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("'" + dialled + "' is not a telephone number: only digits, "
                    + "a leading + and separators (space - . ( ) /) are allowed");
        }
        return s;
    }

    static String normalize(String cleaned, String countryCode) {
        String international;
        if (cleaned.startsWith("+")) {
            international = cleaned.substring(1);
        } else if (cleaned.startsWith("00")) {
            international = cleaned.substring(2);
        } else if (countryCode.equals("1") && cleaned.startsWith("011")) {
            international = cleaned.substring(3);
        } else if (countryCode.equals("1") && cleaned.length() == 11 && cleaned.startsWith("1")) {
            international = cleaned;
        } else if (cleaned.startsWith("0")) {
            international = countryCode + cleaned.substring(1);
        } else {
            international = countryCode + cleaned;
        }
        if (international.length() < 8 || international.length() > 15 || international.startsWith("0")) {
            throw new IllegalArgumentException("'" + cleaned + "' does not make an E.164 number (+" + international
                    + " must have 8 to 15 digits and not start with 0)");
        }
        return "+" + international;
    }
}
