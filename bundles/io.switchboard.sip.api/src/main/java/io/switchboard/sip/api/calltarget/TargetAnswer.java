package io.switchboard.sip.api.calltarget;

/**
 * How a {@link CallTarget} answers a call.
 *
 * @param status 200 to answer, or a final refusal 400 to 699 (486 busy, 480 unavailable)
 * @param reason the reason phrase, or null for the standard one
 * @param sdpAnswer with 200: the target's SDP answer
 */
public record TargetAnswer(int status, String reason, String sdpAnswer) {

    public static TargetAnswer answer(String sdp) {
        return new TargetAnswer(200, null, sdp);
    }

    public static TargetAnswer refuse(int status, String reason) {
        return new TargetAnswer(status, reason, null);
    }
}
