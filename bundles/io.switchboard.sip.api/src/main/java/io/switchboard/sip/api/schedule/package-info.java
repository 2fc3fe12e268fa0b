/**
 * Schedules: named weekly hours plus holiday dates in a time zone, open or closed at a given instant.
 * Numbers, routes, forwarding and groups name a schedule; a schedule service keeps them and says
 * whether one is open, with why, so that calls and the route simulator decide alike.
 */
@Version("1.0.0")
package io.switchboard.sip.api.schedule;

import org.osgi.annotation.versioning.Version;
