package io.switchboard.phone.api;

import java.time.Instant;

/** One call of a {@link Phone}, incoming or outgoing. Its methods may be called from any thread. */
public interface PhoneCall {

    /** @return the call's SIP Call-ID */
    String id();

    /** @return whether this phone placed the call */
    boolean outgoing();

    /** @return the far end's SIP URI */
    String remote();

    /** @return the far end's display name, or null */
    String remoteName();

    CallState state();

    /** @return when the call was placed or arrived */
    Instant started();

    /** @return when it was answered, or null */
    Instant answered();

    /**
     * @return when it ended, or null while it lasts
     * @since 1.2
     */
    default Instant ended() {
        return null;
    }

    /** @return the final SIP status when it ended without an answer (486, 603, 404...), else 0 */
    int failureCode();

    /** Answers an incoming call with the given audio. */
    void answer(AudioSource source, AudioSink sink);

    /** Rejects an incoming call: 486 Busy Here, 603 Decline... */
    void reject(int status);

    /** Hangs up: CANCEL before the answer, BYE after it. */
    void hangup();

    /** Puts the far end on hold (re-INVITE with a=sendonly); audio stops both ways. */
    void hold();

    void resume();

    /** Sends digits as RFC 4733 telephone events: 0-9, *, #, A-D. */
    void sendDtmf(String digits);

    /** Blind transfer: asks the far end to call {@code target} (REFER) and ends this call once it does. */
    void transfer(String target);

    /** Attended transfer: connects the far end to {@code other}'s far end (REFER with Replaces). */
    void transfer(PhoneCall other);

    /** @return figures on the call's audio so far */
    CallStats stats();
}
