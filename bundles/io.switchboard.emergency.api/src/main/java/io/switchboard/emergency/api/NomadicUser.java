package io.switchboard.emergency.api;

import java.time.Instant;

/**
 * A user whose phone moves between sites, as the switch last saw it.
 *
 * @param user the user
 * @param lastSource the address its phone last registered from, or null before it registered
 * @param unknownNetwork whether that address is in no network of the address book: its next
 *            emergency call uses {@code confirmedLocation}
 * @param confirmedLocation the last location confirmed for it (a network's, when it registered from
 *            one), or null when it has none: it has no dispatchable location
 * @param seen when it last registered, or null
 */
public record NomadicUser(String user, String lastSource, boolean unknownNetwork, String confirmedLocation,
        Instant seen) {
}
