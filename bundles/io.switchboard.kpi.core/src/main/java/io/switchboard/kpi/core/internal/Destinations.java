package io.switchboard.kpi.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Names a call's destination: the longest prefix the admin configured that the E.164 number starts
 * with (+1900, +44870), else its country calling code (+44, +1). Country codes are one to three
 * digits and none is a prefix of another, so the first that libphonenumber knows is the one.
 */
final class Destinations {

    /** Whether a number of up to three digits is a country calling code: asked for every call, so a table. */
    private static final boolean[] CALLING_CODES = new boolean[1000];

    static {
        for (int code : PhoneNumberUtil.getInstance().getSupportedCallingCodes()) {
            CALLING_CODES[code] = true;
        }
    }

    private final List<String> prefixes;

    /** @throws IllegalArgumentException naming a prefix that is not + and digits */
    Destinations(List<String> configured) {
        List<String> list = new ArrayList<>();
        for (String p : configured) {
            String s = p.trim();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches("\\+[0-9]{1,15}")) {
                throw new IllegalArgumentException("Invalid setting " + KpiConfig.PID + " destinationPrefixes: '" + p
                        + "' is not + and digits, such as +1900");
            }
            list.add(s);
        }
        list.sort(Comparator.comparingInt(String::length).reversed());
        this.prefixes = List.copyOf(list);
    }

    List<String> prefixes() {
        return prefixes;
    }

    /** @return the destination of an E.164 number, or null when the number is not E.164 */
    String of(String e164) {
        if (e164 == null || e164.length() < 2 || e164.charAt(0) != '+') {
            return null;
        }
        for (String p : prefixes) {
            if (e164.startsWith(p)) {
                return p;
            }
        }
        int code = 0;
        for (int i = 1; i <= 3 && i < e164.length(); i++) {
            char c = e164.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            code = code * 10 + (c - '0');
            if (CALLING_CODES[code]) {
                return "+" + code;
            }
        }
        return null;
    }
}
