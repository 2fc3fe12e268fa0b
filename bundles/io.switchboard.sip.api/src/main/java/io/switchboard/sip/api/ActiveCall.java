package io.switchboard.sip.api;

import java.time.Instant;

/**
 * A call in progress, as {@link CallControl} lists it. Immutable: a snapshot.
 *
 * @param id the switch's id of the call
 * @param state setup, early, answered
 * @param aCallId the SIP Call-ID of leg A (the caller's)
 * @param bCallId the SIP Call-ID of leg B, or null before it was sent
 * @param caller the caller as presented
 * @param callee the number or user dialled
 * @param target where leg B went, or null
 * @param start when the INVITE came
 * @param answer when it was answered, or null
 */
public record ActiveCall(String id, String state, String aCallId, String bCallId, String caller, String callee,
        String target, Instant start, Instant answer) {
}
