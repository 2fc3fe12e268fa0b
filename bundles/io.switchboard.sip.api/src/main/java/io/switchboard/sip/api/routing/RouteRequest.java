package io.switchboard.sip.api.routing;

import java.time.Instant;

/**
 * A call to route.
 *
 * @param caller the authenticated user who calls, or the caller's number as a trunk sent it
 * @param trunkIn the trunk the call came in on, or null for a call from a user
 * @param dialled the user part of the request URI, as dialled
 * @param time when the call is made (routes with time windows depend on it)
 */
public record RouteRequest(String caller, String trunkIn, String dialled, Instant time) {
}
