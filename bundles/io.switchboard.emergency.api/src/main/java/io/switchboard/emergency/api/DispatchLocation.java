package io.switchboard.emergency.api;

/**
 * The location resolved for an emergency call, and how.
 *
 * @param location the location, or null when none could be resolved
 * @param address its address on one line, as a dispatcher reads it ("100 Main St, floor 2, room 201,
 *            Austin, TX 78701, US"), or null
 * @param how what it was resolved from: "network 10.1.2.0/24", "user alice", "number +15125550100",
 *            "last confirmed (network ...)", or why there is none
 * @param callback the number to send as caller ID: the location's ELIN, else the caller's number
 * @param pidfLo the PIDF-LO document (RFC 4119, RFC 5139) for the call, or null without a location
 */
public record DispatchLocation(Location location, String address, String how, String callback, String pidfLo) {
}
