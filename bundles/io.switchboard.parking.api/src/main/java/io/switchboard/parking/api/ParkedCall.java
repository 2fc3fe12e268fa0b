package io.switchboard.parking.api;

import java.time.Instant;

/**
 * A caller in a parking slot, or on the way out of it.
 *
 * @param slot the slot's number, which any phone dials to take the call
 * @param callId the switch's id of the parked call
 * @param caller who was parked: a user, or the number a carrier gave
 * @param callerName the caller's display name, or null
 * @param parkedBy the user whose phone parked the call, or null when the caller's own phone was sent here
 * @param parkedAt when the call came into the slot
 * @param returnsAt when it goes back to whoever parked it (or on to the fallback)
 * @param state where it stands
 */
public record ParkedCall(String slot, String callId, String caller, String callerName, String parkedBy,
        Instant parkedAt, Instant returnsAt, State state) {

    /** Where a parked call stands. */
    public enum State {
        /** In its slot, hearing the hold music: dialling the slot takes it. */
        PARKED,
        /** Parked too long: ringing whoever parked it, or sent on to the fallback; the slot is free again. */
        RETURNING
    }
}
