package io.switchboard.sip.routing;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.switchboard.numbering.api.NumberInfo;

/**
 * Which calls are emergency calls: the country's emergency numbers (libphonenumber's short-number
 * data, through the numbering service), also after an outside-line prefix, and {@code urn:service:sos}
 * (RFC 5031); the test numbers that check an address without calling the emergency services; and
 * the route that takes them.
 *
 * @param route the name of the emergency route
 * @param prefixes the outside-line prefixes
 * @param testNumbers the test numbers
 * @param sosNumber what a call to urn:service:sos sends, or empty for the country's
 * @param perMinute packets a minute a locked-out address may send to emergency numbers
 */
public record EmergencyDialling(String route, List<String> prefixes, Set<String> testNumbers, String sosNumber,
        int perMinute) {

    /** The service URN of emergency calls (RFC 5031), and of its sub-services (sos.fire, sos.police). */
    public static final String SOS = "urn:service:sos";

    private static final Pattern SHORT_NUMBER = Pattern.compile("[0-9]{2,10}");
    /** The visual separators the numbering service drops (and %20, a space a phone escaped in its URI). */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()/]|%20");

    /**
     * An emergency call as dialled.
     *
     * @param dialled what the caller dialled
     * @param number the emergency number it stands for, without prefix
     * @param test whether it is a test number
     */
    public record Dial(String dialled, String number, boolean test) {
    }

    /** @throws IllegalArgumentException naming the setting that is wrong */
    static EmergencyDialling of(CallingSettings s) {
        for (String p : s.outsideLinePrefixes()) {
            if (!p.trim().matches("[0-9*#]{1,4}")) {
                throw new IllegalArgumentException("Invalid setting " + CallingSettings.PID + " outsideLinePrefixes "
                        + "entry '" + p + "': 1 to 4 digits");
            }
        }
        for (String t : s.emergencyTestNumbers()) {
            if (!t.trim().matches("[0-9]{2,6}")) {
                throw new IllegalArgumentException("Invalid setting " + CallingSettings.PID + " emergencyTestNumbers "
                        + "entry '" + t + "': 2 to 6 digits");
            }
        }
        String sos = s.sosNumber() == null ? "" : s.sosNumber().trim();
        if (!sos.isEmpty() && !sos.matches("[0-9]{2,6}")) {
            throw new IllegalArgumentException("Invalid setting " + CallingSettings.PID + " sosNumber=" + sos
                    + ": 2 to 6 digits, or empty for the country's");
        }
        if (s.emergencyPerMinute() < 5) {
            throw new IllegalArgumentException("Invalid setting " + CallingSettings.PID + " emergencyPerMinute="
                    + s.emergencyPerMinute() + ": 5 or more (a call takes several packets)");
        }
        String route = s.emergencyRoute() == null ? "" : s.emergencyRoute().trim();
        return new EmergencyDialling(route, List.of(s.outsideLinePrefixes()).stream().map(String::trim).toList(),
                Set.copyOf(List.of(s.emergencyTestNumbers()).stream().map(String::trim).toList()), sos,
                s.emergencyPerMinute());
    }

    /**
     * @param dialled a Request-URI's user part, or the whole URI when it is a service URN
     * @param describe what kind of number a string is (the numbering service), or null for nothing
     * @return the emergency call it is, or null when it is none
     */
    public Dial recognize(String dialled, Function<String, NumberInfo> describe) {
        if (dialled == null || dialled.isBlank()) {
            return null;
        }
        String d = dialled.trim();
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.equals(SOS) || lower.startsWith(SOS + ".")) {
            return new Dial(d, sosNumber.isEmpty() ? countrys(describe) : sosNumber, false);
        }
        // 9-1-1 and (911) are 911 to every other rule (the numbering service drops separators): never an
        // ordinary call to an emergency number, exempt from class of service without its location
        d = SEPARATORS.matcher(d).replaceAll("");
        if (!SHORT_NUMBER.matcher(d).matches()) {
            return null;
        }
        Dial direct = emergency(d, d, describe);
        if (direct != null) {
            return direct;
        }
        for (String p : prefixes) {
            if (d.length() > p.length() + 1 && d.startsWith(p)) {
                Dial after = emergency(d, d.substring(p.length()), describe);
                if (after != null) {
                    return after;
                }
            }
        }
        return null;
    }

    private Dial emergency(String dialled, String number, Function<String, NumberInfo> describe) {
        if (testNumbers.contains(number)) {
            return new Dial(dialled, number, true);
        }
        NumberInfo info = describe == null ? null : describe.apply(number);
        return info != null && info.emergency() ? new Dial(dialled, number, false) : null;
    }

    /** @return 911 where it is an emergency number (North America), else 112 (the GSM standard's) */
    private static String countrys(Function<String, NumberInfo> describe) {
        NumberInfo nine = describe == null ? null : describe.apply("911");
        return nine != null && nine.emergency() ? "911" : "112";
    }

    /**
     * @param requestUri a Request-URI as text ("sip:911@host;user=phone", "tel:911", "urn:service:sos")
     * @return what it dials: its user part, its number, or the URN itself; null when it names none
     */
    public static String dialled(String requestUri) {
        if (requestUri == null) {
            return null;
        }
        String u = requestUri.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:")) {
            return u;
        }
        int colon = u.indexOf(':');
        if (lower.startsWith("tel:")) {
            int semi = u.indexOf(';');
            return u.substring(colon + 1, semi < 0 ? u.length() : semi);
        }
        int at = u.indexOf('@');
        if ((lower.startsWith("sip:") || lower.startsWith("sips:")) && at > colon) {
            String user = u.substring(colon + 1, at);
            int semi = user.indexOf(';');
            return semi < 0 ? user : user.substring(0, semi);
        }
        return null;
    }
}
