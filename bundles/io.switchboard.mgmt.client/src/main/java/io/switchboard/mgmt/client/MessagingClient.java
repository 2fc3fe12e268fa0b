package io.switchboard.mgmt.client;

import java.time.Instant;
import java.util.List;

/**
 * Text messages and presence of the management API ({@code /messages}, {@code /presence}): who wrote
 * to whom and how it went, a message's content (operators), and the busy lamps' subscriptions.
 * Blocks like {@link ManagementClient}: call it from a job.
 *
 * @since 1.8
 */
public final class MessagingClient {

    /** A message as the list shows it: never its content. */
    public record Message(long id, String from, String fromName, String to, String trunk, String contentType,
            int bytes, Instant received, String state, Instant delivered, String reason) {
    }

    /** A phone's subscription to a user's (or a list's) state. */
    public record Subscription(String id, String event, String resource, String uri, String subscriber,
            String contact, long version, Instant expires) {
    }

    private final ManagementClient api;

    public MessagingClient(ManagementClient api) {
        this.api = api;
    }

    /**
     * @param user only what this user sent or was sent, or null for everyone's
     * @param limit at most this many, newest first (1 to 1000)
     */
    public List<Message> messages(String user, int limit) throws ManagementException {
        return ApiCalls.list(api.get("messages?limit=" + limit + (user == null || user.isBlank() ? ""
                : "&user=" + ApiCalls.query(user.trim()))), Message.class);
    }

    /**
     * @param user only what this user sent or was sent, or null for everyone's
     * @param query the messages a query in the call records' language finds ({@code from:alice AND
     *        state:failed}), or blank for all
     * @param limit at most this many, newest first (1 to 1000)
     * @throws ManagementException 400 naming what the query gets wrong, 403 for a viewer's query on the content
     */
    public List<Message> messages(String user, String query, int limit) throws ManagementException {
        if (query == null || query.isBlank()) {
            return messages(user, limit);
        }
        return ApiCalls.list(api.get("messages?limit=" + limit + "&q=" + ApiCalls.query(query.trim())
                + (user == null || user.isBlank() ? "" : "&user=" + ApiCalls.query(user.trim()))), Message.class);
    }

    /** @return what the message says (operators and admins; a viewer gets 403) */
    public String body(long id) throws ManagementException {
        return api.text("messages/" + id + "/body");
    }

    /** @return the subscriptions in force: busy lamps, presence, resource lists */
    public List<Subscription> subscriptions() throws ManagementException {
        return ApiCalls.list(api.get("presence/subscriptions"), Subscription.class);
    }
}
