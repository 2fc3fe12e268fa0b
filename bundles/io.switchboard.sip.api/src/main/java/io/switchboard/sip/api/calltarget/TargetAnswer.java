package io.switchboard.sip.api.calltarget;

/**
 * How a {@link CallTarget} answers a call.
 *
 * @param status 200 to answer, or a final refusal 400 to 699 (486 busy, 480 unavailable)
 * @param reason the reason phrase, or null for the standard one
 * @param sdpAnswer with 200: the target's SDP answer
 * @param focus whether the target is a conference focus: the switch's Contact in its answer says
 *        {@code isfocus} (RFC 4579), so that phones show a conference (since 1.4)
 */
public record TargetAnswer(int status, String reason, String sdpAnswer, boolean focus) {

    /** An answer or refusal of version 1.3: not a conference focus. */
    public TargetAnswer(int status, String reason, String sdpAnswer) {
        this(status, reason, sdpAnswer, false);
    }

    public static TargetAnswer answer(String sdp) {
        return new TargetAnswer(200, null, sdp);
    }

    /** @return 200 with the SDP answer, from a conference focus (since 1.4) */
    public static TargetAnswer focus(String sdp) {
        return new TargetAnswer(200, null, sdp, true);
    }

    public static TargetAnswer refuse(int status, String reason) {
        return new TargetAnswer(status, reason, null);
    }
}
