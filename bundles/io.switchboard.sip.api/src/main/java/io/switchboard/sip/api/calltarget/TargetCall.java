package io.switchboard.sip.api.calltarget;

/**
 * A call offered to a {@link CallTarget}.
 *
 * @param callId the switch's id of the call (as in the call events and call records)
 * @param caller the authenticated user, or the caller's number from a trunk
 * @param dialled what was dialled
 * @param did the number of the inventory the call came to, or null
 * @param sdpOffer the caller's SDP offer, or null when the INVITE had none
 * @param trunk the trunk the call came in on, or null when the caller is an authenticated user of
 *            the switch (since 1.1): only then is {@code caller} a user name a target may trust
 * @param callerName the caller's display name as the caller sent it, or null (since 1.1)
 * @param diverted why the switch sent the call here instead of to the dialled user: {@link #BUSY} (a
 *            mailbox then plays the busy greeting), or null for any other reason or none (since 1.3)
 * @param source the IP address the caller's SIP came from (the packet's real source, never a header's
 *            claim), or null when the switch placed the call itself: a target's media may latch only
 *            from there or from the offer's host (since 1.5)
 * @param referredBy the user whose phone transferred the caller here (a blind transfer the switch completed
 *            itself, the caller's leg kept), or null when the caller dialled the target or was sent by routing
 *            (since 1.9)
 */
public record TargetCall(String callId, String caller, String dialled, String did, String sdpOffer, String trunk,
        String callerName, String diverted, String source, String referredBy) {

    /** A call nobody transferred (the record of version 1.5). */
    public TargetCall(String callId, String caller, String dialled, String did, String sdpOffer, String trunk,
            String callerName, String diverted, String source) {
        this(callId, caller, dialled, did, sdpOffer, trunk, callerName, diverted, source, null);
    }

    /** A call whose signalling source is not known (the record of version 1.3). */
    public TargetCall(String callId, String caller, String dialled, String did, String sdpOffer, String trunk,
            String callerName, String diverted) {
        this(callId, caller, dialled, did, sdpOffer, trunk, callerName, diverted, null);
    }

    /** The dialled user was busy. */
    public static final String BUSY = "user-busy";

    /** A call not diverted (the record of version 1.1). */
    public TargetCall(String callId, String caller, String dialled, String did, String sdpOffer, String trunk,
            String callerName) {
        this(callId, caller, dialled, did, sdpOffer, trunk, callerName, null, null);
    }

    /** A call from an authenticated user (the record of version 1.0). */
    public TargetCall(String callId, String caller, String dialled, String did, String sdpOffer) {
        this(callId, caller, dialled, did, sdpOffer, null, null);
    }
}
