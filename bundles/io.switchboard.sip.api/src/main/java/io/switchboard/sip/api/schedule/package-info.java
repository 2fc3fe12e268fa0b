/**
 * Schedules: named weekly hours plus holiday dates in a time zone, open or closed at a given instant.
 * Numbers, routes, forwarding and groups name a schedule; a schedule service keeps them and says
 * whether one is open, with why, so that calls and the route simulator decide alike.
 */
package io.switchboard.sip.api.schedule;
