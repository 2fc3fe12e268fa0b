package io.switchboard.webhook.api;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint and the events it is sent. Its secret, with which every delivery is signed, is never
 * read back: {@code secretSet} says whether it has one.
 *
 * @param id the admin's name for it
 * @param url where the events are POSTed (HTTPS unless the server allows HTTP)
 * @param events the events sent (of {@link WebhookEvents#ALL}), or {@code ["*"]} for all
 * @param active whether events are sent; an inactive subscription keeps its deliveries
 * @param description free text
 * @param secretSet whether deliveries are signed
 * @param created when it was made
 */
public record Subscription(String id, String url, List<String> events, boolean active, String description,
        boolean secretSet, Instant created) {

    public Subscription {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** @return whether the event is sent to this subscription */
    public boolean wants(String event) {
        return active && (events.contains(event) || events.contains("*"));
    }
}
