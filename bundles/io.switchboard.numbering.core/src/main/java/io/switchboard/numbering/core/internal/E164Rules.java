package io.switchboard.numbering.core.internal;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;

import io.switchboard.numbering.api.NumberInfo;

/**
 * The built-in rules, used when no plugin answers: the numbering plans of libphonenumber. A number
 * in E.164 form is taken as it is; any other is read as dialled in the country of the default
 * country code, with that country's international prefix (00, 011, 0011 ...) and its national
 * trunk prefix, which some countries keep in the number (Italy's leading 0) and others drop.
 */
final class E164Rules {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern VISUAL_SEPARATORS = Pattern.compile("[\\s\\-.()/]");
    private static final PhoneNumberUtil PLANS = PhoneNumberUtil.getInstance();
    private static final ShortNumberInfo SHORT = ShortNumberInfo.getInstance();

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

    /**
     * @return the regions named, upper case
     * @throws IllegalArgumentException naming the first entry that is no region libphonenumber knows
     */
    static Set<String> regions(String[] names) {
        Set<String> regions = new TreeSet<>();
        for (String name : names == null ? new String[0] : names) {
            String r = name.trim().toUpperCase(Locale.ROOT);
            if (!PLANS.getSupportedRegions().contains(r)) {
                throw new IllegalArgumentException("'" + name + "' is no ISO 3166 region with a numbering plan (CA, "
                        + "PR, JE ...)");
            }
            regions.add(r);
        }
        return Set.copyOf(regions);
    }

    /** @return the region of a country calling code: "GB" for 44, "US" for 1, "001" for non-geographic ones */
    static String region(String countryCode) {
        return PLANS.getRegionCodeForCountryCode(Integer.parseInt(countryCode));
    }

    static String normalize(String cleaned, String countryCode) {
        if (E164.matcher(cleaned).matches()) {
            return cleaned; // already E.164: records imported by the million take this path
        }
        String international;
        try {
            PhoneNumber number = PLANS.parse(cleaned, region(countryCode));
            international = number.getCountryCode() + PLANS.getNationalSignificantNumber(number);
        } catch (NumberParseException e) {
            international = cleaned.startsWith("+") ? cleaned.substring(1) : cleaned;
        }
        if (international.length() < 8 || international.length() > 15 || international.startsWith("0")) {
            throw new IllegalArgumentException("'" + cleaned + "' does not make an E.164 number (+" + international
                    + " must have 8 to 15 digits and not start with 0)");
        }
        return "+" + international;
    }

    /**
     * @param e164 the number's E.164 form when it has one (a plugin's answer counts), else null
     * @param nationalRegions regions besides the home one that the admin counts as national
     */
    static NumberInfo describe(String dialled, String cleaned, String e164, String countryCode,
            Set<String> nationalRegions) {
        String home = region(countryCode);
        if (!cleaned.startsWith("+") && SHORT.isEmergencyNumber(cleaned, home)) {
            return new NumberInfo(dialled, null, home, "SHORT_CODE", false, false, true);
        }
        if (e164 == null) {
            boolean premium = SHORT.isValidShortNumberForRegion(parseShort(cleaned, home), home)
                    && SHORT.getExpectedCostForRegion(parseShort(cleaned, home), home)
                            == ShortNumberInfo.ShortNumberCost.PREMIUM_RATE;
            return new NumberInfo(dialled, null, home, "SHORT_CODE", false, premium, false);
        }
        PhoneNumber number;
        try {
            number = PLANS.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return new NumberInfo(dialled, e164, null, "UNKNOWN", true, false, false);
        }
        PhoneNumberUtil.PhoneNumberType type = PLANS.getNumberType(number);
        String region = PLANS.getRegionCodeForNumber(number);
        if (region == null) {
            region = PLANS.getRegionCodeForCountryCode(number.getCountryCode());
        }
        return new NumberInfo(dialled, e164, "ZZ".equals(region) ? null : region, type.name(),
                international(number, region, countryCode, nationalRegions),
                premium(type), false);
    }

    /**
     * Personal numbers (the UK's 070) forward wherever their owner likes at a premium: a classic target of
     * toll fraud, so they need the premium class too.
     */
    private static boolean premium(PhoneNumberUtil.PhoneNumberType type) {
        return type == PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE
                || type == PhoneNumberUtil.PhoneNumberType.PERSONAL_NUMBER;
    }

    /**
     * Judged by the number's region, not its country code alone: regions share codes (+1 is the US, Canada
     * and twenty Caribbean countries, +7 Russia and Kazakhstan), and their numbers cost what abroad costs.
     */
    private static boolean international(PhoneNumber number, String region, String countryCode,
            Set<String> nationalRegions) {
        int home = Integer.parseInt(countryCode);
        if (number.getCountryCode() != home) {
            return true;
        }
        return !region.equals(region(countryCode))
                && !(nationalRegions.contains(region) && PLANS.getCountryCodeForRegion(region) == home);
    }

    private static PhoneNumber parseShort(String cleaned, String region) {
        try {
            return PLANS.parse(cleaned, region);
        } catch (NumberParseException e) {
            return new PhoneNumber();
        }
    }
}
