package io.switchboard.sip.provisioning.jdbc.internal;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.TreeSet;

import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;

/**
 * What makes a number's lifecycle sound: each state with the dates it needs, and only the moves
 * {@link NumberState#next()} allows, so that an active number never goes straight to released.
 */
final class NumberLifecycles {

    private NumberLifecycles() {
    }

    static Optional<String> problem(NumberLifecycle l) {
        if (l.state() == NumberState.PORTING_IN && l.portDate() == null) {
            return Optional.of("a number porting in needs its portDate (the firm order commitment date)");
        }
        if (l.state() == NumberState.QUARANTINED && l.releaseDate() == null) {
            return Optional.of("a quarantined number needs its releaseDate");
        }
        if (l.monthlyCost() != null && (l.monthlyCost().signum() < 0
                || l.monthlyCost().compareTo(new BigDecimal("1000000")) >= 0 || l.monthlyCost().scale() > 2)) {
            return Optional.of("monthlyCost " + l.monthlyCost().toPlainString() + " is not an amount from 0 to "
                    + "999999.99");
        }
        if (l.carrier() != null && l.carrier().length() > 64) {
            return Optional.of("carrier is longer than 64 characters");
        }
        return Optional.empty();
    }

    /**
     * @param before the stored lifecycle, or null for a number new to the inventory
     * @return why the number may not move to its new state, or empty
     */
    static Optional<String> transition(NumberLifecycle before, PhoneNumber after) {
        NumberState to = after.lifecycle().state();
        if (before == null || before.state() == to || before.state().next().contains(to)) {
            return Optional.empty();
        }
        return Optional.of("Number " + after.number() + " cannot go from " + before.state() + " to " + to + ": from "
                + before.state() + " it goes to " + new TreeSet<>(before.state().next()).stream()
                        .map(NumberState::id).toList() + (to == NumberState.RELEASED
                                ? " (an active number is quarantined before it is released)" : ""));
    }

    static boolean removable(NumberState s) {
        return s == NumberState.RESERVED || s == NumberState.RELEASED;
    }
}
