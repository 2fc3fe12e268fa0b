package io.switchboard.integration.ui.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;

/**
 * Webhooks ({@code /webhooks}) and API tokens ({@code /tokens}) of the management API, the console's
 * own client for integrations. Blocks like {@link ManagementClient}: call it from a job.
 */
final class IntegrationClient {

    /** A webhook subscription; never its secret. */
    record Subscription(String id, String url, List<String> events, boolean active, String description,
            boolean secretSet, Instant created) {
    }

    /** One event for one subscription, and how its sending went. */
    record Delivery(long id, String subscription, String event, String state, int attempts, Integer lastStatus,
            String lastError, Instant created, Instant nextAttempt, Instant delivered) {
    }

    /** An integration's API token; never its secret. */
    record Token(String name, List<String> scopes, String role, String createdBy, Instant created, Instant expires,
            Instant lastUsed, String lastAddress) {
    }

    /** The deliveries by state, and the events the server had to drop. */
    record Counts(long waiting, long delivered, long failed, long dropped) {
    }

    /** Everything the view shows. */
    record Snapshot(List<Subscription> subscriptions, List<Delivery> deliveries, List<Token> tokens, Counts counts) {
    }

    static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of(), new Counts(0, 0, 0, 0));

    private final ManagementClient api;

    IntegrationClient(ManagementClient api) {
        this.api = api;
    }

    Snapshot snapshot() throws ManagementException {
        JsonNode status = api.get("webhooks/status");
        JsonNode by = status.path("deliveries");
        return new Snapshot(api.list("webhooks/subscriptions", Subscription.class),
                api.list("webhooks/deliveries?limit=100", Delivery.class), api.list("tokens", Token.class),
                new Counts(by.path("PENDING").asLong(), by.path("DELIVERED").asLong(), by.path("FAILED").asLong(),
                        status.path("dropped").asLong()));
    }

    /** @param secret the signing secret, or null to keep the one it has */
    void save(String id, String url, List<String> events, String secret) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("events", events);
        if (secret != null) {
            body.put("secret", secret);
        }
        api.send("PUT", "webhooks/subscriptions/" + id, body);
    }

    void delete(String id) throws ManagementException {
        api.send("DELETE", "webhooks/subscriptions/" + id, null);
    }

    void ping(String id) throws ManagementException {
        api.send("POST", "webhooks/subscriptions/" + id + "/ping", Map.of());
    }

    /** Sends a delivery again from its first attempt (a failed one, or one still retrying). */
    void resend(long id) throws ManagementException {
        api.send("POST", "webhooks/deliveries/" + id + "/resend", Map.of());
    }

    /** @return the new token: shown once, the server keeps only its hash */
    String makeToken(String name, List<String> scopes, Integer days) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scopes", scopes);
        if (days != null) {
            body.put("expiresDays", days);
        }
        return api.send("POST", "tokens", body).path("token").asText();
    }

    void deleteToken(String name) throws ManagementException {
        api.send("DELETE", "tokens/" + name, null);
    }
}
