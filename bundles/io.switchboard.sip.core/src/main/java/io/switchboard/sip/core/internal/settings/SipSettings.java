package io.switchboard.sip.core.internal.settings;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The switch's settings, PID {@value #PID} ({@code etc/io.switchboard.sip.cfg}), typed for
 * Configuration Admin and Metatype, in a package of their own so that every part of the core can
 * read them without reaching back into the component that wires it; StackSettings
 * checks their values and names a bad one.
 */
@ObjectClassDefinition(name = "Switchboard SIP softswitch")
public @interface SipSettings {

    String PID = "io.switchboard.sip";
    @AttributeDefinition(name = "Realm", description = "Digest realm; changing it invalidates every SIP password")
    String realm() default "switchboard";

    @AttributeDefinition(name = "Digest algorithms", description = "Offered, best first, to users without their "
            + "own setting: SHA-256, MD5. MD5 alone by default, as phones that give up on a challenge they cannot "
            + "answer (baresip 1.0 with SHA-256) then register; a user's own setting offers SHA-256 to its phone")
    String[] algorithms() default { "MD5" };

    @AttributeDefinition(name = "Minimum registration expiry (s)", min = "1")
    int minExpires() default 60;

    @AttributeDefinition(name = "Maximum registration expiry (s)", min = "1")
    int maxExpires() default 7200;

    @AttributeDefinition(name = "Default registration expiry (s)", min = "1")
    int defaultExpires() default 3600;

    @AttributeDefinition(name = "Contacts per user", min = "1")
    int maxContacts() default 10;

    @AttributeDefinition(name = "Ring timeout (s)", description = "Unanswered calls end with 480 after this", min = "1")
    int ringTimeout() default 60;

    @AttributeDefinition(name = "Session interval (s)", description = "RFC 4028 session timers for answered calls "
            + "whose media does not pass the relay: the switch refreshes each leg every half interval and ends the "
            + "call when a leg is gone; 0 turns them off, else 90 or more")
    int sessionExpires() default 1800;

    @AttributeDefinition(name = "Pickup prefix", description = "Dialled before a ringing colleague's extension to "
            + "take the call (**201); empty turns call pickup off")
    String pickupPrefix() default "**";

    @AttributeDefinition(name = "Intercom callers", description = "Accounts whose calls may ask the callee's phone "
            + "to answer on its own (Call-Info answer-after, Alert-Info auto-answer, as intercom keys and pages send "
            + "it): such a call rings only the callee's phones, telling them to answer, and is never forwarded nor "
            + "sent to voicemail; a callee in a call is passed by. The paging service calls as 'paging'. Anyone "
            + "else's request for it is ignored")
    String[] intercomCallers() default { "paging" };

    @AttributeDefinition(name = "Forwarding hops", description = "How many times one call may be forwarded "
            + "(user to user, to a number, to voicemail) before the switch stops forwarding it and rings the user it "
            + "reached; a forward back to a user the call has already reached is a loop and never followed",
            min = "1", max = "20")
    int forwardHops() default 5;

    @AttributeDefinition(name = "Forwarding headers on trunks", description = "What a forwarded call that leaves "
            + "on a trunk carries to name who forwarded it: diversion (RFC 5806, what most carriers check), "
            + "history-info (RFC 7044), both or none; per trunk: trunk:NAME=MODE. Phones always get Diversion")
    String[] forwardHeaders() default { "diversion" };

    @AttributeDefinition(name = "Push wait (s)", description = "RFC 8599: how long a call waits for a phone woken by "
            + "a push notification to register again before the user's phones ring as they are")
    int pushWait() default 10;

    @AttributeDefinition(name = "Maximum concurrent calls", description = "New calls past it get 503 + Retry-After")
    int maxCalls() default 25000;

    @AttributeDefinition(name = "Maximum calls in setup", description = "Unanswered calls at once; past it 503")
    int maxCallsInSetup() default 2000;

    @AttributeDefinition(name = "Emergency calls at once, per user", description = "Emergency calls pass every "
            + "other limit; one user's past this many at once get 486 and an emergency alert", min = "1")
    int emergencyCallsPerUser() default 3;

    @AttributeDefinition(name = "Retry-After of 503 (s)", min = "1")
    int retryAfter() default 5;

    @AttributeDefinition(name = "Advertised address", description = "Address in Via and Contact when listening on "
            + "0.0.0.0; empty: the first non-loopback IPv4 address of this host")
    String advertisedAddress() default "";

    @AttributeDefinition(name = "Record source", description = "Source name of this switch's call records")
    String source() default "switchboard";

    @AttributeDefinition(name = "Trunk probe interval (s)", description = "OPTIONS to every trunk this often", min = "1")
    int probeInterval() default 30;

    @AttributeDefinition(name = "Media of trunk calls", description = "Through the media relay (when it is "
            + "installed): always, never or nat_only")
    String mediaTrunks() default "always";

    @AttributeDefinition(name = "Media of users' calls", description = "Through the media relay: always, never "
            + "or nat_only (when the phone's SDP or registration names another address than its packets)")
    String mediaUsers() default "nat_only";

    @AttributeDefinition(name = "Media overrides", description = "Per trunk or user: trunk:NAME=MODE or "
            + "user:NAME=MODE; a side set to never keeps the call's media direct")
    String[] mediaOverrides() default {};

    @AttributeDefinition(name = "Trusted certificate authorities", description = "A PEM file of authorities "
            + "trusted for trunks over TLS besides the JVM's (a carrier's private CA); empty: the JVM's only. "
            + "A trunk with a pinned certificate trusts that one only")
    String tlsTrustedCertificates() default "";

    @AttributeDefinition(name = "Recorded calls", description = "Calls recorded to data/recordings (through the "
            + "media relay): trunk:NAME, user:NAME, route:NAME or all. Recording calls is regulated by law: "
            + "see the admin guide before switching it on")
    String[] recordCalls() default {};

    @AttributeDefinition(name = "Calls without video", description = "Video is declined (port 0) on the calls of "
            + "these sides: trunk:NAME, user:NAME or all; for a carrier that bills or refuses video, or a link too thin")
    String[] stripVideo() default {};

    @AttributeDefinition(name = "SIP ladder per call", description = "SIP messages of both legs kept per call "
            + "(GET /cdr/records/{id}/ladder), at most 256 KB of them; 0 keeps none", min = "0", max = "10000")
    int ladderMessages() default 200;

    @AttributeDefinition(name = "Homer collector", description = "HOST:PORT of a Homer collector: every SIP "
            + "message and each relayed call's quality go there as HEP v3 over UDP; empty: none")
    String hepCollector() default "";

    @AttributeDefinition(name = "HEP capture agent id", description = "How Homer tells this switch from others",
            min = "0")
    int hepAgentId() default 2001;

    @AttributeDefinition(name = "jain-sip's own log", description = "How much of the SIP stack's own log goes "
            + "to the server's log: none, error, info or debug (from info on it also logs every message: for "
            + "finding a fault, not for production)")
    String stackLog() default "error";

    @AttributeDefinition(name = "Trusted networks", description = "Addresses never locked out or rate limited "
            + "(CIDR: 203.0.113.0/24, 2001:db8::/32, or one address), such as a proxy in front of the switch or "
            + "an office with many phones behind one address. Trunks' addresses are trusted besides")
    String[] trustedNetworks() default { "127.0.0.0/8", "::1" };

    @AttributeDefinition(name = "Edge proxies", description = "The SIP proxies in front of the switch (Kamailio's "
            + "dispatcher over several switches), by IP address and optionally port: 192.0.2.10:5060. A request one "
            + "of them relays counts as coming from the client in the Via below the edge's (its received and "
            + "rport), for lockouts, limits, records and trunks' addresses. Empty: every sender is its own source")
    String[] edgeProxies() default {};

    @AttributeDefinition(name = "Lockout after digest failures", description = "Failed authentications from one "
            + "address, or for one user from any, that lock it out", min = "1")
    int lockoutFailures() default 10;

    @AttributeDefinition(name = "Digest failure window (s)", description = "Within this time", min = "1")
    int lockoutWindow() default 60;

    @AttributeDefinition(name = "Lockout time (s)", description = "How long a lockout lasts unless an admin lifts it",
            min = "1")
    int lockoutTime() default 900;

    @AttributeDefinition(name = "Requests per address per flood window", description = "Past it, every packet from "
            + "the address is dropped unread until it slows down (trusted networks and trunks excepted)", min = "1")
    int floodRequests() default 200;

    @AttributeDefinition(name = "Flood window (s)", min = "1")
    int floodWindow() default 2;

    @AttributeDefinition(name = "SIP threads", description = "Threads serving SIP messages received over UDP",
            min = "1", max = "256")
    int threads() default 16;

    @AttributeDefinition(name = "TCP and TLS connections at once", description = "Past it, a new connection is "
            + "closed as it is accepted", min = "1")
    int tcpMaxConnections() default 2048;

    @AttributeDefinition(name = "TCP and TLS connections per address", description = "From one address (IPv6: its "
            + "/64) at once; past it, a new connection from there is closed as it is accepted", min = "1")
    int tcpConnectionsPerSource() default 32;

    @AttributeDefinition(name = "First message within (s)", description = "A connection that sends nothing for this "
            + "long after it opened is closed", min = "1")
    int tcpFirstMessageSeconds() default 10;

    @AttributeDefinition(name = "Idle connection time (s)", description = "A connection silent for this long is "
            + "closed; longer than the phones' registration and keep-alive interval", min = "1")
    int tcpIdleSeconds() default 7200;

    @AttributeDefinition(name = "Call journal's batch wait (ms)", description = "How long an answered call's row "
            + "waits for others before their commit, which the caller waits for to hear the answer (0: each is "
            + "committed at once). Finished calls' records wait for the call-record service's commitLingerMillis",
            min = "0")
    long journalLingerMillis() default 10;
}
