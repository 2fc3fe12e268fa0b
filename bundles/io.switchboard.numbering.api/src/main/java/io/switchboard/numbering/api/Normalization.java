package io.switchboard.numbering.api;

/**
 * The answer to a normalisation.
 *
 * @param dialled the number as given
 * @param e164 the normalised number
 * @param normalizer name of the plugin that answered, or {@value #BUILT_IN}
 */
public record Normalization(String dialled, String e164, String normalizer) {

    /** Name reported when the built-in rules (libphonenumber's numbering plans) answered. */
    public static final String BUILT_IN = "built-in";
}
