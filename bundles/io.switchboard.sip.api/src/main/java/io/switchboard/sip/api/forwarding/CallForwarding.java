package io.switchboard.sip.api.forwarding;

import java.time.Instant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Gives the switch each user's forwarding. Register one as an OSGi service; with several, the
 * highest {@code service.ranking} is asked. Without one, calls ring the user's phones and go to
 * voicemail when they fail.
 * <p>
 * The switch asks once for each call that reaches a user, on a SIP thread: answer from memory or with
 * one indexed read, and never block on anything slower. The switch carries the rules out itself:
 * routing the destination as the forwarding user dialled it, the hop limit and loops, the 181 to the
 * caller and the Diversion and History-Info headers.
 */
@ConsumerType
public interface CallForwarding {

    /** @return the user's rules, {@link ForwardingRules#NONE} when it forwards nothing */
    ForwardingRules rules(String user);

    /**
     * The rules in force at an instant: with a schedule, {@code always} only while it is closed. The
     * switch asks this for calls (now) and the route simulator (at the time it is asked about).
     *
     * @since 1.1
     */
    default ForwardingRules rules(String user, Instant when) {
        return rules(user);
    }
}
