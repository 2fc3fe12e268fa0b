/**
 * Routing: where a call goes, and why. {@link RoutingService} gives the one decision that real calls
 * and the route simulator both follow; {@link RoutingPolicy} plugins, ranked by
 * {@code service.ranking}, reorder or narrow the trunks of an outbound decision (least cost, quality,
 * time of day). {@code io.switchboard.sip.routing.conformance} holds the tests that any policy must pass.
 */
package io.switchboard.sip.api.routing;
