package io.switchboard.webhook.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The webhook subscriptions and their deliveries; every server of a cluster shares them through the database. */
@ProviderType
public interface Webhooks {

    List<Subscription> subscriptions();

    Optional<Subscription> subscription(String id);

    /**
     * Creates or changes a subscription.
     *
     * @param secret the signing secret; null keeps the one it has, "" removes it
     * @return whether it was created
     * @throws IllegalArgumentException naming what is wrong: the URL (not HTTPS, a private address
     *         the server does not allow), an unknown event
     */
    boolean save(String id, String url, List<String> events, String secret, boolean active, String description);

    /** Removes the subscription with its deliveries; @return whether there was one */
    boolean delete(String id);

    /**
     * @param subscription only its deliveries, or null for all
     * @param state only in this state, or null
     * @return the latest deliveries, newest first
     */
    List<Delivery> deliveries(String subscription, String state, int limit);

    Optional<Delivery> delivery(long id);

    /** Sends a delivery again, as a new attempt from now, whatever its state; @return false when there is none */
    boolean resend(long id);

    /** Queues a {@link WebhookEvents#PING} to the subscription; @return the delivery */
    Delivery ping(String subscription);

    /**
     * Queues an event for every active subscription that wants it: a plugin's own events too.
     *
     * @param key what the event is about (a call's id): the events of one key reach an endpoint in
     *        the order they happened
     * @param data the event's fields, turned into JSON
     * @return how many deliveries were queued
     */
    int publish(String event, String key, Map<String, Object> data);
}
