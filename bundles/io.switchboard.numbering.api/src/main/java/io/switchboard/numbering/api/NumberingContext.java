package io.switchboard.numbering.api;

/**
 * Settings that apply when a number is normalised.
 *
 * @param defaultCountryCode country calling code for national numbers, digits only ("44", "1")
 */
public record NumberingContext(String defaultCountryCode) {

    public NumberingContext {
        if (defaultCountryCode == null || !defaultCountryCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("Invalid country calling code '" + defaultCountryCode
                    + "': 1 to 3 digits, not starting with 0");
        }
    }
}
