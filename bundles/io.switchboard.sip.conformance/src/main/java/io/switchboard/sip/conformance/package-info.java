/**
 * Conformance kits: what every implementation of a plugin interface of the softswitch must do, as
 * checks that a plugin's own tests run, whatever their test framework (a failed check throws
 * {@link AssertionError}). {@link RoutingPolicyConformance} is the kit of
 * {@link io.switchboard.sip.api.routing.RoutingPolicy}.
 */
package io.switchboard.sip.conformance;
