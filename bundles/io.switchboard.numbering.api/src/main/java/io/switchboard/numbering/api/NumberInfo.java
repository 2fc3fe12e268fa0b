package io.switchboard.numbering.api;

/**
 * What kind of number a destination is, for classes of service and fraud rules.
 *
 * @param dialled the number as given
 * @param e164 its E.164 form, or null for a short number (emergency, service codes)
 * @param region the ISO 3166 region it belongs to ("GB", "US"), "001" for non-geographic numbers
 *            (+800, +882), or null when unknown
 * @param type libphonenumber's number type: FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE, TOLL_FREE,
 *            PREMIUM_RATE, SHARED_COST, VOIP, PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL; SHORT_CODE or
 *            UNKNOWN otherwise
 * @param international whether it is outside the switch's home region (the region of its default country
 *            code) and the regions the admin counts as national: a number of another region under the same
 *            code (+1 876, Jamaica, for a switch in the US) is international
 * @param premium whether calling it costs the caller a premium (premium-rate and personal numbers, premium
 *            short codes)
 * @param emergency whether it is an emergency number of the switch's country (never to be blocked)
 */
public record NumberInfo(String dialled, String e164, String region, String type, boolean international,
        boolean premium, boolean emergency) {
}
