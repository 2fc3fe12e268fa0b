package io.switchboard.sip.api;

/**
 * The Event Admin events of the softswitch, calls, registrations, trunks and lockouts: their topics and property names. Events are posted
 * asynchronously ({@code postEvent}) and in order per call; a handler subscribes with
 * {@code event.topics = io/switchboard/sip/call/*} and must not block (Event Admin blacklists slow
 * handlers). Every call event carries {@link #CALL_ID}, {@link #A_CALL_ID}, {@link #CALLER},
 * {@link #CALLEE} and {@link #DIRECTION}; the others where the call has them.
 */
public final class SipEvents {

    /** Topics of the call events, under one prefix. */
    public static final String CALL_TOPIC_PREFIX = "io/switchboard/sip/call/";
    /** A call got past authentication and routing and its leg B was sent. */
    public static final String CALL_STARTED = CALL_TOPIC_PREFIX + "STARTED";
    /** The callee rings (the first 180 or 183). */
    public static final String CALL_RINGING = CALL_TOPIC_PREFIX + "RINGING";
    /** The callee answered; the call is durable from here on (its record survives a crash). */
    public static final String CALL_ANSWERED = CALL_TOPIC_PREFIX + "ANSWERED";
    /** The call ended, answered or not; its record is on its way to the CDR service. */
    public static final String CALL_ENDED = CALL_TOPIC_PREFIX + "ENDED";
    /**
     * Another user's phone took the call while it rang, by the pickup feature code (since 1.6): the
     * callee's phones stopped ringing, {@link #CALLEE_USER} names the user who picked it up and
     * {@link #PICKED_UP_FROM} the one it rang for; {@link #CALL_ANSWERED} follows.
     */
    public static final String CALL_PICKED_UP = CALL_TOPIC_PREFIX + "PICKED_UP";

    /** The switch's id of the call (a UUID; also what {@link CallControl#hangUp} takes). */
    public static final String CALL_ID = "call.id";
    /** The SIP Call-ID of leg A, the caller's. */
    public static final String A_CALL_ID = "call.a.callId";
    /** The SIP Call-ID of leg B, the callee's (once it was sent). */
    public static final String B_CALL_ID = "call.b.callId";
    public static final String CALLER = "call.caller";
    public static final String CALLEE = "call.callee";
    /**
     * The caller's name as the callee's phones show it: the contact directory's for a number it
     * knows, else as the caller's phone or carrier sent it (since 1.10; absent when there is none).
     */
    public static final String CALLER_NAME = "call.caller.name";
    /** The caller's company, from the contact directory (since 1.10; absent when no directory knew the number). */
    public static final String CALLER_COMPANY = "call.caller.company";
    /** Where the caller's record is (a CRM's page), from the contact directory (since 1.10; absent likewise). */
    public static final String CALLER_LINK = "call.caller.link";
    /** True on the events of a call the switch placed itself: a click-to-call (since 1.10; absent on others). */
    public static final String ORIGINATED = "call.originated";
    /** The user who called, authenticated (since 1.5; absent on calls from a trunk). */
    public static final String CALLER_USER = "call.caller.user";
    /** The user whose phones the call rings (since 1.5; absent on calls to a trunk or a call target). */
    public static final String CALLEE_USER = "call.callee.user";
    /** The user whose phones rang until another user picked the call up (since 1.6; only on picked-up calls). */
    public static final String PICKED_UP_FROM = "call.pickedUpFrom";
    /**
     * The number that leaves on the trunk, after the route's strip and prepend: what the carrier
     * bills, and so what fraud rules judge (since 1.4; absent on calls that take no trunk).
     */
    public static final String SENT = "call.sent";
    /** INBOUND, OUTBOUND or INTERNAL. */
    public static final String DIRECTION = "call.direction";
    public static final String TRUNK_IN = "call.trunk.in";
    public static final String TRUNK_OUT = "call.trunk.out";
    /** On {@link #CALL_ENDED}: the call's disposition (ANSWERED, BUSY, NO_ANSWER, FAILED, ...). */
    public static final String DISPOSITION = "call.disposition";
    /** On {@link #CALL_ENDED}: the final SIP status code. */
    public static final String SIP_CODE = "call.sipCode";
    /**
     * On the events of an emergency call: what was dialled ("911", "urn:service:sos"); absent on other
     * calls and on test calls (since 1.9).
     */
    public static final String EMERGENCY = "call.emergency";
    /** The address sent with an emergency call, on one line, when one was resolved (since 1.9). */
    public static final String EMERGENCY_LOCATION = "call.emergency.location";
    /** The name of the location sent with an emergency call, when one was resolved (since 1.9). */
    public static final String EMERGENCY_LOCATION_NAME = "call.emergency.location.name";
    /** How an emergency call's location was resolved, or why there is none (since 1.9). */
    public static final String EMERGENCY_LOCATED_BY = "call.emergency.locatedBy";
    /** The callback number sent with an emergency call (since 1.9). */
    public static final String EMERGENCY_CALLBACK = "call.emergency.callback";

    /** Topics of the trunk events, under one prefix. */
    public static final String TRUNK_TOPIC_PREFIX = "io/switchboard/sip/trunk/";
    /** A trunk answers its probes again (or a call through it was answered). */
    public static final String TRUNK_UP = TRUNK_TOPIC_PREFIX + "UP";
    /** A trunk stopped answering its probes, or refused the connection. */
    public static final String TRUNK_DOWN = TRUNK_TOPIC_PREFIX + "DOWN";
    /** On trunk events: the trunk's name. */
    public static final String TRUNK = "trunk.name";
    /** On {@link #TRUNK_UP}: the last probe's round-trip time in milliseconds, when one was measured. */
    public static final String TRUNK_RTT_MILLIS = "trunk.rttMillis";

    /** Topics of the registration events, under one prefix. */
    public static final String REGISTRATION_TOPIC_PREFIX = "io/switchboard/sip/registration/";
    /** A phone registered a contact of a user, or refreshed it with a changed source. */
    public static final String REGISTERED = REGISTRATION_TOPIC_PREFIX + "REGISTERED";
    /** A contact of a user went: removed by its phone (expires 0) or by an admin. */
    public static final String UNREGISTERED = REGISTRATION_TOPIC_PREFIX + "UNREGISTERED";
    /** On registration events: the user's name. */
    public static final String USER = "registration.user";
    /** On registration events: the contact URI, or "*" when all of the user's contacts went. */
    public static final String CONTACT = "registration.contact";
    /** Where the REGISTER came from: the packet's real source, transport:address:port (absent when an admin removed the binding). */
    public static final String SOURCE = "registration.source";
    /** On {@link #REGISTERED}: the binding's lifetime in seconds. */
    public static final String EXPIRES = "registration.expires";

    /** Topics of the lockout events, under one prefix. */
    public static final String SECURITY_TOPIC_PREFIX = "io/switchboard/sip/security/";
    /** A source address or user was locked out ({@link SipGuard}). */
    public static final String LOCKED = SECURITY_TOPIC_PREFIX + "LOCKED";
    /** A lockout ended: by time, because a flood slowed down, or lifted by an admin. */
    public static final String UNLOCKED = SECURITY_TOPIC_PREFIX + "UNLOCKED";
    /** On lockout events: {@link Lockout#kind()}. */
    public static final String LOCKOUT_KIND = "lockout.kind";
    /** On lockout events: the address or user name. */
    public static final String LOCKOUT_KEY = "lockout.key";
    /** On lockout events: why it began, or on {@link #UNLOCKED} why it ended ("expired", "lifted by admin"). */
    public static final String LOCKOUT_REASON = "lockout.reason";
    /** On {@link #LOCKED}: when it ends by itself, as epoch milliseconds. */
    public static final String LOCKOUT_UNTIL = "lockout.until";

    private SipEvents() {
    }
}
