package io.switchboard.numbering.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's normalisation service: asks the {@link NumberNormalizer} plugins in ranking
 * order, then applies the built-in rules (libphonenumber's numbering plans). Implemented by {@code io.switchboard.numbering.core};
 * used by routing, CDR collection and the management API. Thread-safe.
 */
@ProviderType
public interface NumberNormalization {

    /**
     * @param dialled the number as dialled; spaces, dashes, dots and brackets are ignored
     * @param countryCode country calling code for national numbers, or {@code null} for the
     *            configured default
     * @return the normalised number and who normalised it
     * @throws IllegalArgumentException when the input cannot be a telephone number; the message
     *             says why
     */
    Normalization normalize(String dialled, String countryCode);

    /**
     * What kind of number a dialled string is: its region and type, whether it is international,
     * premium or an emergency number, from the numbering plan data of libphonenumber.
     *
     * @param countryCode as for {@link #normalize}
     * @throws IllegalArgumentException when the input cannot be a telephone number
     */
    NumberInfo describe(String dialled, String countryCode);
}
