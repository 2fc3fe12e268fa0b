package io.switchboard.sip.admin.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;

/**
 * The inventory in figures, as an admin reports it each month: numbers per state, per carrier and
 * per type (geographic, toll-free, mobile: libphonenumber's reading), what they cost a month, and the
 * numbers in service that no emergency address applies to.
 *
 * @param byState how many numbers are in each state
 * @param byCarrier how many numbers each carrier (or trunk) has, "(none)" for those without
 * @param byType how many numbers of each type
 * @param monthlyCost what all numbers not released cost a month
 * @param costByCarrier the same per carrier
 * @param withoutEmergencyAddress the numbers in service without an emergency address
 */
record NumbersReport(Map<String, Integer> byState, Map<String, Integer> byCarrier, Map<String, Integer> byType,
        BigDecimal monthlyCost, Map<String, BigDecimal> costByCarrier, List<String> withoutEmergencyAddress) {

    /**
     * @param describe what kind of number it is, or null when nobody can tell
     * @param located the numbers the emergency address book assigns a location to
     */
    static NumbersReport of(List<PhoneNumber> numbers, Function<String, NumberInfo> describe, Set<String> located) {
        Map<String, Integer> byState = new TreeMap<>();
        Map<String, Integer> byCarrier = new TreeMap<>();
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, BigDecimal> costByCarrier = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        List<String> unlocated = new ArrayList<>();
        for (PhoneNumber n : numbers) {
            var l = n.lifecycle();
            String carrier = l.carrier() == null ? "(none)" : l.carrier();
            byState.merge(l.state().id(), 1, Integer::sum);
            byCarrier.merge(carrier, 1, Integer::sum);
            byType.merge(type(describe.apply(n.number())), 1, Integer::sum);
            if (l.monthlyCost() != null && l.state() != NumberState.RELEASED) {
                total = total.add(l.monthlyCost());
                costByCarrier.merge(carrier, l.monthlyCost(), BigDecimal::add);
            }
            if (l.state().takesCalls() && !located.contains(n.number())
                    && (n.emergencyAddress() == null || n.emergencyAddress().isBlank())) {
                unlocated.add(n.number());
            }
        }
        return new NumbersReport(byState, byCarrier, byType, total, costByCarrier, unlocated);
    }

    /** @return geographic, toll-free, mobile, or libphonenumber's type in lower case; unknown without it */
    static String type(NumberInfo info) {
        if (info == null) {
            return "unknown";
        }
        return switch (info.type()) {
            case "FIXED_LINE", "FIXED_LINE_OR_MOBILE" -> "geographic";
            case "TOLL_FREE" -> "toll-free";
            case "MOBILE" -> "mobile";
            default -> info.type().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }
}
