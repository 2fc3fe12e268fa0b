package io.switchboard.sip.api.provisioning;

import java.time.Instant;

/**
 * One version of the route table: kept after every change, with who made it and what it was.
 *
 * @param version the number of the version, from 1 up
 * @param created when the change was made
 * @param author who made it (an API user), or "system"
 * @param change the change in words ("saved route uk", "rolled back to version 3")
 * @param routes how many routes the table held
 */
public record RouteVersion(int version, Instant created, String author, String change, int routes) {
}
