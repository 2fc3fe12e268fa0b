package io.switchboard.sip.api.calltarget;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A destination served inside the server. Register it as an OSGi service with {@link #NAME}, the
 * extension that reaches it (see {@link CallTargetProperties}); when several share a name, the highest
 * {@code service.ranking} serves it. A local user of the same name comes first.
 * <p>
 * The switch answers the caller as the target says: a final refusal (4xx to 6xx), or 200 with the
 * target's SDP answer; the media then flows between the caller and the address in that SDP. The
 * switch tells the target when the call ends. Its methods run on SIP threads and must not block.
 */
@ConsumerType
public interface CallTarget {

    /** Service property: the extension (a String) that reaches the target, like "voicemail" or "*98". */
    String NAME = "switchboard.call.target";

    /**
     * Service property (a Boolean, since 1.2): the target also takes what is dialled starting with
     * its name ("*72" takes "*72201"); an exact name and the longest such prefix win, in that order.
     */
    String PREFIX = "switchboard.call.target.prefix";
    /**
     * Service property (a Boolean, since 1.7): the switch anchors the target's calls on its media relay (the
     * target hears the caller, and is heard, through it), so that the target may hand a call on with {@link
     * io.switchboard.sip.api.CallControl#redirect}; the target's media then latches only from the relay.
     */
    String ANCHORED = "switchboard.call.target.anchored";

    /**
     * A call for the target.
     *
     * @return how to answer it; never null
     */
    TargetAnswer offer(TargetCall call);

    /**
     * The call that {@link #offer} answered with 200 ended.
     *
     * @param callId the switch's id of the call, as in {@link TargetCall#callId()}
     * @param byCaller whether the caller hung up (else the switch did, for example at its stop)
     */
    void ended(String callId, boolean byCaller);

    /**
     * The caller's phone made a new offer in the answered call (a re-INVITE or UPDATE with SDP: hold, resume);
     * the switch answered it with the target's first answer. A target that watches the caller's media learns
     * here whether the phone still sends: a phone on hold ({@code a=inactive}) sends nothing. A re-INVITE
     * without SDP is not told (its offer comes in the ACK).
     *
     * @param callId the switch's id of the call, as in {@link TargetCall#callId()}
     * @param sdpOffer the new offer
     * @since 1.6
     */
    default void reoffered(String callId, String sdpOffer) {
        // a target that does not watch the caller's media needs nothing
    }

    /**
     * A key the caller's phone sent in SIP INFO ({@code application/dtmf-relay}, {@code application/dtmf}) in the
     * answered call, as phones without RFC 4733 do; the switch has answered the INFO with 200. Keys sent as RFC
     * 4733 events come with the media.
     *
     * @param callId the switch's id of the call, as in {@link TargetCall#callId()}
     * @param key '0' to '9', '*', '#', 'A' to 'D'
     * @since 1.7
     */
    default void key(String callId, char key) {
        // a target that takes no keys, or takes them from its media only, needs nothing
    }

    /**
     * A call this target handed on ({@link io.switchboard.sip.api.CallControl#redirect}) found nobody: the
     * destination failed and so did what follows it (its forwarding, its mailbox). A target that takes the call
     * back has the caller again, their media flowing to it as before the redirect; one that does not, ends it.
     *
     * @param callId the switch's id of the call, as in {@link TargetCall#callId()}
     * @param status the destination's final status (486 busy, 480 unavailable, 404)
     * @param reason why, as the switch says it
     * @return whether the target takes the call back; the default does not, and the call ends
     * @since 1.7
     */
    default boolean returned(String callId, int status, String reason) {
        return false;
    }

    /**
     * A user's phone answered a call this target handed on ({@link io.switchboard.sip.api.CallControl#ring}), just
     * before the target is told the call {@link #ended} for it: when several users rang, which of them.
     *
     * @param callId the switch's id of the call, as in {@link TargetCall#callId()}
     * @param user the user whose phone answered
     * @since 1.10
     */
    default void answeredBy(String callId, String user) {
        // most targets hand a call to one destination and know it
    }

    /**
     * What the route simulator shows of this target's calls, before any call: what the target does and where a
     * caller may go on from it (a menu's keys), each way walked further as routing takes it.
     *
     * @return the path, or null to show only that the target answers
     * @since 1.8
     */
    default TargetPath path() {
        return null;
    }
}
