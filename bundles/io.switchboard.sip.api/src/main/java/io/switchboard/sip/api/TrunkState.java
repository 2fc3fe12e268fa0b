package io.switchboard.sip.api;

import java.time.Instant;

/**
 * What the switch sees of a trunk now. Immutable: a snapshot.
 *
 * @param trunk the trunk's name
 * @param up whether it answers its probes (or its last call)
 * @param since when it went up or down
 * @param rttMillis the last probe's round-trip time, or -1
 * @param lastProbe when it was last probed, or null
 * @param registration the outbound registration's state in words ("registered", "not registering", ...)
 * @param registeredUntil until when the carrier holds the registration, or null
 * @param channels calls through it now
 * @param maxChannels the most it may carry at once, 0 for no limit
 */
public record TrunkState(String trunk, boolean up, Instant since, long rttMillis, Instant lastProbe,
        String registration, Instant registeredUntil, int channels, int maxChannels) {
}
