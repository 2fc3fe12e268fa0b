package io.switchboard.sip.core.internal.call;

import java.time.Instant;
import java.util.function.Predicate;

import io.switchboard.sip.api.forwarding.ForwardingRules;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingService;

/**
 * Where one forward leads, decided alike for a real call ({@link CallForward}) and for the path
 * simulator ({@link CallPaths}): the forwarding user's mailbox, not followed (hop limit, a loop), refused by
 * routing as that user dialled it, or the routing decision to follow.
 *
 * @param note why it is not followed or refused, else null
 * @param route the decision to follow ({@link Kind#ROUTE}), else null
 */
record ForwardStep(Kind kind, String note, RouteDecision route) {

    enum Kind {
        VOICEMAIL, NOT_FOLLOWED, REFUSED, ROUTE
    }

    /**
     * @param followed how many forwards the call has followed so far
     * @param reached whether the call has rung a user already (a forward back to one is a loop)
     */
    static ForwardStep decide(String from, String to, long followed, int maxHops, Predicate<String> reached,
            RoutingService routing, Instant when) {
        if (followed >= maxHops) {
            return new ForwardStep(Kind.NOT_FOLLOWED, "not followed: " + maxHops + " forwards already", null);
        }
        if (ForwardingRules.VOICEMAIL.equals(to)) {
            return new ForwardStep(Kind.VOICEMAIL, null, null);
        }
        if (to.indexOf('*') >= 0 || to.indexOf('#') >= 0 || to.indexOf('%') >= 0) {
            // a feature code acts for its caller: forwarded there, a caller's *72 would set the caller's forward
            return new ForwardStep(Kind.NOT_FOLLOWED, "not followed: " + to + " is a feature code", null);
        }
        RouteDecision d = routing.route(new RouteRequest(from, null, to, when));
        if (d.emergency()) {
            // the caller would reach the emergency services as the forwarding user, with no location or alert
            return new ForwardStep(Kind.NOT_FOLLOWED, "not followed: " + to + " is an emergency number", null);
        }
        if (d.outcome() == RouteDecision.Outcome.USER && reached.test(d.destination())) {
            return new ForwardStep(Kind.NOT_FOLLOWED, "not followed: a loop back to " + d.destination(), null);
        }
        if (d.outcome() == RouteDecision.Outcome.REJECTED) {
            return new ForwardStep(Kind.REFUSED, d.reasons().isEmpty() ? "refused"
                    : d.reasons().get(d.reasons().size() - 1), d);
        }
        return new ForwardStep(Kind.ROUTE, null, d);
    }
}
