package io.switchboard.webhook.api;

import java.time.Instant;

/**
 * One event for one subscription, kept until it is taken or given up.
 *
 * @param id its number, also sent in the {@code Switchboard-Delivery} header (the receiver's key
 *        to drop a repeat)
 * @param subscription the subscription's id
 * @param event of {@link WebhookEvents}
 * @param state PENDING (waiting for its turn or its next attempt), DELIVERED (a 2xx answer) or
 *        FAILED (given up after the last attempt)
 * @param attempts attempts made
 * @param lastStatus the HTTP status of the last attempt, null when it got none
 * @param lastError why the last attempt failed, null when it did not
 * @param created when the event happened
 * @param nextAttempt when it is tried next, null when it is not
 * @param delivered when it was taken, null until then
 * @param payload the JSON body sent
 */
public record Delivery(long id, String subscription, String event, String state, int attempts, Integer lastStatus,
        String lastError, Instant created, Instant nextAttempt, Instant delivered, String payload) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
}
