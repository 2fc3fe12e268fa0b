package io.switchboard.sip.api.routing;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The switch's routing, the one path for real calls and the route simulator: the caller is checked
 * (an enabled user, or a call from a trunk), then the dialled string goes to a local user, a number of
 * the inventory, a call target, or the first matching outbound route, whose trunks the
 * {@link RoutingPolicy} plugins then refine.
 */
@ProviderType
public interface RoutingService {

    /** @return where the call goes and why; never null */
    RouteDecision route(RouteRequest request);
}
