package io.switchboard.sip.api.provisioning;

import java.util.Locale;
import java.util.Set;

/**
 * Where a number of the inventory is in its life (since 1.6). Calls reach only {@link #ACTIVE} and
 * {@link #PORTING_OUT} numbers (a number porting away still works until the carrier takes it).
 */
public enum NumberState {
    /** Held for a customer or a project; not ordered from a carrier yet. */
    RESERVED,
    /** Ordered from the carrier, not delivered yet. */
    ORDERED,
    /** In service. */
    ACTIVE,
    /** Being ported in from another carrier, on the firm order commitment date ({@link NumberLifecycle#portDate}). */
    PORTING_IN,
    /** Being ported away to another carrier; in service until it goes. */
    PORTING_OUT,
    /** Cancelled, and held back until its release date so that its old callers do not reach a new owner. */
    QUARANTINED,
    /** Given back to the carrier. */
    RELEASED;

    /**
     * The lifecycle: which states a number may move to from this one. An active number reaches
     * released only through quarantined (or porting out).
     */
    public Set<NumberState> next() {
        return switch (this) {
            case RESERVED -> Set.of(ORDERED, PORTING_IN, ACTIVE, RELEASED);
            case ORDERED -> Set.of(ACTIVE, RELEASED);
            case PORTING_IN -> Set.of(ACTIVE, RELEASED);
            case ACTIVE -> Set.of(QUARANTINED, PORTING_OUT);
            case PORTING_OUT -> Set.of(ACTIVE, RELEASED);
            case QUARANTINED -> Set.of(ACTIVE, RELEASED);
            case RELEASED -> Set.of(RESERVED, ORDERED, PORTING_IN);
        };
    }

    /** @return whether calls to a number in this state are put through */
    public boolean takesCalls() {
        return this == ACTIVE || this == PORTING_OUT;
    }

    /** @return the name as the API and CSV files write it: porting-in */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return id();
    }

    /** @throws IllegalArgumentException naming the states there are */
    public static NumberState of(String id) {
        for (NumberState s : values()) {
            if (s.id().equalsIgnoreCase(id == null ? "" : id.trim().replace('_', '-'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("Invalid state '" + id + "': reserved, ordered, active, porting-in, "
                + "porting-out, quarantined or released");
    }
}
