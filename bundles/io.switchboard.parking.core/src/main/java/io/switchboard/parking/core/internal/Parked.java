package io.switchboard.parking.core.internal;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import io.switchboard.parking.api.ParkedCall;
import io.switchboard.phone.api.MediaLeg;

/** One parked call, from its slot to its end: the {@link Lot}'s lock guards what changes. */
final class Parked {

    final String slot;
    final String callId;
    final String caller;
    final String callerName;
    final String parkedBy;
    final Instant parkedAt;
    final Instant returnsAt;
    final MediaLeg leg;
    /** The engine's tick group the caller's leg shares with whoever takes it. */
    final String group;
    ParkedCall.State state = ParkedCall.State.PARKED;
    ScheduledFuture<?> timeout;
    /** Whether the fallback was tried: a second failure ends the call. */
    boolean fellBack;
    /** The call that took this one from its slot, or null. */
    String partner;
    MediaLeg partnerLeg;

    Parked(String slot, String callId, String caller, String callerName, String parkedBy, Instant parkedAt,
            Instant returnsAt, MediaLeg leg, String group) {
        this.slot = slot;
        this.callId = callId;
        this.caller = caller;
        this.callerName = callerName;
        this.parkedBy = parkedBy;
        this.parkedAt = parkedAt;
        this.returnsAt = returnsAt;
        this.leg = leg;
        this.group = group;
    }

    ParkedCall view() {
        return new ParkedCall(slot, callId, caller, callerName, parkedBy, parkedAt, returnsAt, state);
    }

    String who() {
        return callerName == null ? caller : callerName + " (" + caller + ")";
    }
}
