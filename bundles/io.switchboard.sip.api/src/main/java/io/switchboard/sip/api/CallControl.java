package io.switchboard.sip.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The calls in progress on this server, and hanging one up. Implemented by the softswitch; safe
 * from any thread.
 */
@ProviderType
public interface CallControl {

    /** @return the calls in progress, oldest first */
    List<ActiveCall> activeCalls();

    /**
     * Ends a call: BYE on both legs of an answered one, CANCEL and 480 while it rings.
     *
     * @param id the call's id, or the SIP Call-ID of either leg
     * @return false when no such call is in progress
     */
    boolean hangUp(String id);

    /**
     * Asks the caller's phone of an answered call with a call target (voicemail, an announcement) to
     * call {@code target} instead: REFER (RFC 3515) in the caller's dialog. The phone places the new
     * call on its own account, so its class of service applies as to any call it dials; once the
     * phone says the new call is answered, the switch ends this one. A phone that refuses the REFER
     * stays where it was.
     *
     * @param id the call's id, or the SIP Call-ID of its caller's leg
     * @param target what the phone is to dial: a user, an extension or a number
     * @return false when no such call is answered by a call target
     * @since 1.7
     */
    boolean transfer(String id, String target);

    /**
     * Hands a call answered by an {@linkplain io.switchboard.sip.api.calltarget.CallTarget#ANCHORED anchored} call
     * target (an auto attendant, a queue) to another destination inside the switch, whoever the caller is (a
     * carrier's caller included): the switch calls the destination itself, as a call to it from an enabled user,
     * and keeps the caller's leg; the caller hears the target until the destination answers (or its early media),
     * and then the destination, through the media relay. The target is then told the call {@link
     * io.switchboard.sip.api.calltarget.CallTarget#ended ended} for it. A destination that fails (busy, no
     * answer, not found) follows what it would for any call (its forwarding, its mailbox); when that fails too,
     * the target may take the caller back ({@link io.switchboard.sip.api.calltarget.CallTarget#returned}), else
     * the call ends.
     * One call, one record: its answer stays the target's, and it names where the call went.
     *
     * @param id the call's id, or the SIP Call-ID of its caller's leg
     * @param destination a user, a ring group, a call target or a number of the inventory; never a number
     *            outside (it would leave on the switch's own account) nor an emergency number
     * @return null when the call is on its way there, else why not (no such call, not answered by an anchored
     *         target, a destination refused and why)
     * @since 1.13
     */
    String redirect(String id, String destination);

    /**
     * Rings a user for a call answered by an {@linkplain io.switchboard.sip.api.calltarget.CallTarget#ANCHORED
     * anchored} call target, as a queue rings its agent: like {@link #redirect}, but only the user's registered
     * phones ring, for at most {@code seconds}, and never their forwarding, their mailbox or a push to a sleeping
     * phone; a user in another call (dialling, ringing or talking) is busy at once (486). Once a phone answers, the
     * target is told the call {@link io.switchboard.sip.api.calltarget.CallTarget#ended ended} for it ({@code
     * byCaller} false); when the caller hangs up while it rings, likewise with {@code byCaller} true. When nobody
     * answers, the target is asked to take the caller back ({@link
     * io.switchboard.sip.api.calltarget.CallTarget#returned}) with the status (486, 480, 404).
     *
     * @param id the call's id, or the SIP Call-ID of its caller's leg
     * @param user the user's name or extension
     * @param seconds how long the user's phones ring, at least 1
     * @return null when the user's phones ring, else why not (no such call, no such user)
     * @since 1.14
     */
    default String ring(String id, String user, int seconds) {
        return "This switch rings no agent";
    }

    /**
     * Rings several users at once for a call answered by an anchored call target, as a queue that rings all its
     * free agents: as {@link #ring(String, String, int)}, every registered phone of each user at once, users in
     * another call passed over; the first phone to answer takes the call, the others stop ringing ("Call
     * completed elsewhere"). The target learns who answered ({@link
     * io.switchboard.sip.api.calltarget.CallTarget#answeredBy}) before it is told the call ended for it; when
     * nobody answers, it is asked to take the caller back.
     *
     * @param users the users' names or extensions, at least one
     * @return null when a phone of any of them rings, else why not
     * @since 1.15
     */
    default String ring(String id, List<String> users, int seconds) {
        return users.size() == 1 ? ring(id, users.get(0), seconds) : "This switch rings one agent at a time";
    }

    /**
     * Rings an outside number for a call answered by an anchored call target, as a queue rings an agent who takes its
     * calls on a mobile or at home: through the outbound routes and trunks, as a ring group's number is rung (on the
     * switch's own account: the admin named the number), for at most {@code seconds}. Once it answers, the target is
     * told the call {@link io.switchboard.sip.api.calltarget.CallTarget#ended ended} for it ({@code byCaller} false);
     * when nobody answers, or the trunks refuse, the target is asked to take the caller back ({@link
     * io.switchboard.sip.api.calltarget.CallTarget#returned}).
     *
     * @param id the call's id, or the SIP Call-ID of its caller's leg
     * @param number a number that an outbound route takes; never a user, a number of the inventory or an emergency
     *            number
     * @param seconds how long it rings, at least 1
     * @return null when the number rings (or is being called), else why not
     * @since 1.16
     */
    default String ringNumber(String id, String number, int seconds) {
        return "This switch rings no outside agent";
    }

    /**
     * Adds a tag to the record of a call in progress, for a call target or service that knows more
     * of it than the switch (the conference and room a call is in). The switch's own tags keep their
     * values; a tag set twice keeps the last.
     *
     * @param id the call's id, or the SIP Call-ID of either leg
     * @param name the tag's name: letters and digits
     * @param value its value, at most 200 characters
     * @return false when no such call is in progress
     * @since 1.8
     */
    boolean tag(String id, String name, String value);

    /**
     * Click-to-call (RFC 3725, third-party call control): rings the user's phone showing
     * {@code number} and {@code name}; once the user answers, calls {@code number} as that user (their
     * class of service, limits and outbound caller ID, as if they had dialled it) and joins the two
     * through the media relay. One call, one record (tagged {@code clickToCall}), its events as any
     * call's. The user's phone is rung for the ring timeout; the number likewise once it rings.
     *
     * @param user the user whose phone rings first: a registered user of the switch
     * @param number what is dialled for them, as they would dial it
     * @param name the name the user's phone shows with the number, or null
     * @return the call's id, as in {@link #activeCalls()} and the call events
     * @throws IllegalArgumentException naming why the call cannot be placed: no such user, no phone
     *             registered, a number the user may not call, no media relay
     * @since 1.10
     */
    String connect(String user, String number, String name);

    /**
     * Judges a destination of the API as {@link #connect} does, without placing the call: callbacks and
     * scheduled calls are judged when they are asked for, not only when they are due. A destination is a
     * number or a user, never a feature code ({@code *72...}) nor an emergency number (an emergency call
     * is placed from a phone, which sends its location).
     *
     * @return why the user may not be connected to the number (no such user, a feature code, an emergency
     *         number, the user's class of service, a blocked destination), or null when the call may be placed
     * @since 1.11
     */
    String refusal(String user, String number);
}
