package io.switchboard.sip.api.subscription;

import java.time.Instant;

/**
 * A phone's subscription to a resource's state, as the database keeps it.
 *
 * @param id the switch's id
 * @param event the package: "dialog", "presence"
 * @param resource the user whose state is watched
 * @param uri the resource's address as the subscriber named it (the entity of a state document)
 * @param subscriber the user who subscribed
 * @param contact where the NOTIFYs go (the subscriber's Contact)
 * @param version the number of the NOTIFY being made, 0 for the first
 * @param expires when it ends unless refreshed
 */
public record Subscription(String id, String event, String resource, String uri, String subscriber, String contact, long version,
        Instant expires) {
}
