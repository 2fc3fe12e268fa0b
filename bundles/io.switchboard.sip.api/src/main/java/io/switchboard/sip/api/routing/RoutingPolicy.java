package io.switchboard.sip.api.routing;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A routing plugin: it refines the switch's outbound decisions, for example ordering a route's
 * trunks by cost. Register it as an OSGi service with {@link #NAME} (shown in the decision's reasons,
 * see {@link RoutingPolicyProperties}); policies are applied highest {@code service.ranking} first,
 * each to the decision the previous one returned, and only to decisions with outcome
 * {@link RouteDecision.Outcome#TRUNKS}: calls to local users and numbers are never handed to a policy.
 * <p>
 * {@link #apply} runs on the call's SIP thread and must answer in well under a millisecond: read
 * tables held in memory, never a network. A policy that throws is skipped for that call, with the
 * failure in the reasons. It may reorder, drop or mark unusable the decision's trunks and may reject
 * the call; it must not add trunks that the route does not list.
 */
@ConsumerType
public interface RoutingPolicy {

    /** Service property: the policy's name (a String), shown in the decision's reasons. */
    String NAME = "switchboard.routing.policy";

    /**
     * @param request the call
     * @param decision the decision so far: outcome {@link RouteDecision.Outcome#TRUNKS}
     * @return the decision to go on with: {@code decision} itself when the policy has nothing to change,
     *         {@link RouteDecision#withTrunks} or {@link RouteDecision#rejected} otherwise
     */
    RouteDecision apply(RouteRequest request, RouteDecision decision);
}
