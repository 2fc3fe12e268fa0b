package io.switchboard.emergency.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.switchboard.emergency.api.CivicAddress;
import io.switchboard.emergency.api.Location;

/**
 * What makes a location dispatchable, and how a dispatcher reads it: a country of ISO 3166, a street
 * with its house number (or a description of the place), and every field within the lengths of the
 * database and free of control characters.
 */
final class CivicAddresses {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private CivicAddresses() {
    }

    /** @return the location with blank fields as null; @throws IllegalArgumentException naming the first bad field */
    static Location check(Location l) {
        if (l.name() == null || !l.name().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("Invalid name '" + l.name() + "': 1 to 64 letters, digits, '.', '-', '_'");
        }
        CivicAddress a = l.address();
        if (a == null) {
            throw new IllegalArgumentException("Location " + l.name() + " has no address");
        }
        String country = a.country() == null ? "" : a.country().trim().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw new IllegalArgumentException("Invalid country '" + a.country() + "': an ISO 3166 code such as US");
        }
        CivicAddress clean = new CivicAddress(country, field("A1", a.a1(), 100), field("A3", a.a3(), 100),
                field("RD", a.rd(), 100), field("HNO", a.hno(), 20), field("HNS", a.hns(), 20), field("FLR", a.flr(), 20),
                field("ROOM", a.room(), 40), field("PC", a.pc(), 20), field("LOC", a.loc(), 200), field("NAM", a.nam(), 100));
        if (clean.hno() != null && !clean.hno().matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException("Invalid HNO '" + clean.hno() + "': the house number's digits (a suffix "
                    + "such as A goes in HNS)");
        }
        if (clean.a3() == null) {
            throw new IllegalArgumentException("Location " + l.name() + " needs A3, the city");
        }
        if ((clean.rd() == null || clean.hno() == null) && clean.loc() == null) {
            throw new IllegalArgumentException("Location " + l.name() + " needs RD and HNO (street and house number), "
                    + "or LOC describing the place: a dispatcher cannot find it otherwise");
        }
        String elin = field("elin", l.elin(), 16);
        if (elin != null && !elin.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("Invalid elin '" + elin + "': a number in E.164 form, +15125550100");
        }
        return new Location(l.name(), clean, elin, field("description", l.description(), 200));
    }

    private static String field(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > max || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("Invalid " + name + " '" + v.replaceAll("\\p{Cntrl}", "?") + "': at most "
                    + max + " characters, no control characters");
        }
        return v;
    }

    /** @return the address on one line, as a dispatcher reads it: "100 Main St, floor 2, room 201, Austin, TX 78701, US" */
    static String line(CivicAddress a) {
        List<String> parts = new ArrayList<>();
        if (a.nam() != null) {
            parts.add(a.nam());
        }
        String street = join(" ", join("", a.hno(), a.hns()), a.rd());
        if (street != null) {
            parts.add(street);
        }
        if (a.flr() != null) {
            parts.add("floor " + a.flr());
        }
        if (a.room() != null) {
            parts.add("room " + a.room());
        }
        if (a.loc() != null) {
            parts.add(a.loc());
        }
        if (a.a3() != null) {
            parts.add(a.a3());
        }
        String region = join(" ", a.a1(), a.pc());
        if (region != null) {
            parts.add(region);
        }
        parts.add(a.country());
        return String.join(", ", parts);
    }

    private static String join(String sep, String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + sep + b;
    }
}
