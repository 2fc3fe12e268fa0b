package io.switchboard.sip.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A dial pattern of an outbound route, in the notation PBX admins know:
 * <ul>
 * <li>digits, {@code *} and {@code #} stand for themselves;</li>
 * <li>{@code X} any digit, {@code N} 2-9, {@code Z} 1-9, {@code [1-5]} or {@code [135]} one of a set;</li>
 * <li>a final {@code .} means "and one or more characters after" (a prefix route);</li>
 * <li>a leading {@code +} matches the E.164 form of the number instead of the digits as dialled.</li>
 * </ul>
 * {@code 0044XXXXXXXXXX} takes exactly 14-character numbers starting 0044; {@code +44.} takes every
 * number in the UK whatever way it was dialled; {@code 911} takes exactly 911.
 */
public final class RoutePattern {

    private final String text;
    private final List<String> sets = new ArrayList<>();
    private final boolean e164;
    private final boolean prefix;

    private RoutePattern(String text) {
        this.text = text;
        this.e164 = text.startsWith("+");
        this.prefix = text.endsWith(".");
        String body = prefix ? text.substring(0, text.length() - 1) : text;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            switch (c) {
                case 'X', 'x' -> sets.add("0123456789");
                case 'N', 'n' -> sets.add("23456789");
                case 'Z', 'z' -> sets.add("123456789");
                case '[' -> {
                    int end = body.indexOf(']', i);
                    if (end < 0) {
                        throw invalid(text, "'[' without ']'");
                    }
                    sets.add(set(text, body.substring(i + 1, end)));
                    i = end;
                }
                default -> {
                    if (Character.isDigit(c) || c == '*' || c == '#' || (c == '+' && i == 0)) {
                        sets.add(String.valueOf(c));
                    } else {
                        throw invalid(text, "'" + c + "' is not a digit, X, N, Z, [set] or a final '.'");
                    }
                }
            }
        }
        if (sets.isEmpty() || (e164 && sets.size() == 1 && !prefix)) {
            throw invalid(text, "empty");
        }
    }

    static RoutePattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Invalid pattern '': empty");
        }
        return new RoutePattern(text.trim());
    }

    /** @return true for a pattern against the E.164 form */
    boolean e164() {
        return e164;
    }

    /**
     * @param dialled the number as dialled
     * @param e164Form its E.164 form, or null when it has none
     */
    boolean matches(String dialled, String e164Form) {
        String s = e164 ? e164Form : dialled;
        if (s == null || s.length() < sets.size() || (!prefix && s.length() != sets.size())
                || (prefix && s.length() == sets.size())) {
            return false;
        }
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String set(String text, String inside) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (i + 2 < inside.length() && inside.charAt(i + 1) == '-') {
                char to = inside.charAt(i + 2);
                if (!Character.isDigit(c) || !Character.isDigit(to) || to < c) {
                    throw invalid(text, "bad range " + c + "-" + to);
                }
                for (char d = c; d <= to; d++) {
                    sb.append(d);
                }
                i += 2;
            } else if (Character.isDigit(c)) {
                sb.append(c);
            } else {
                throw invalid(text, "'" + c + "' in a set");
            }
        }
        if (sb.isEmpty()) {
            throw invalid(text, "empty set");
        }
        return sb.toString();
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("Invalid pattern '" + text + "': " + why
                + " (digits, X, N, Z, [1-5], a leading + for E.164, a final . for a prefix)");
    }
}
