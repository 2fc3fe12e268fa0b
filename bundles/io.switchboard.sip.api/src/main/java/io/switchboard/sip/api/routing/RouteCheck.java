package io.switchboard.sip.api.routing;

import io.switchboard.sip.api.provisioning.Route;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether the switch's routing can use a route: its pattern, rewrite and time window. The route table
 * asks before it stores a route, so that a route the switch cannot follow is refused when it is saved,
 * not skipped when a call comes.
 */
@ProviderType
public interface RouteCheck {

    /** @throws IllegalArgumentException naming the first bad field, as "Invalid pattern '…': …" */
    void check(Route route);
}
