package io.switchboard.mgmt.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Call queues in the management API ({@code /queues}): the queues, their live figures and their agents. Blocks like
 * {@link ManagementClient}: call it from a job.
 *
 * @since 1.18
 */
public final class QueuesClient {

    /** A queue's settings as the server keeps them. */
    public record Queue(String name, String strategy, List<String> members, boolean dynamic, int ringSeconds,
            int wrapUpSeconds, int maxWaitSeconds, int maxCallers, String overflow, int announceSeconds,
            boolean callback, String description, long version) {
    }

    /** An agent now: READY, RINGING, BUSY, WRAP_UP, PAUSED (with its reason) or LOGGED_OUT. */
    public record Agent(String queue, String agent, String state, String reason, Instant since, boolean member,
            int callsToday) {
    }

    /** A queue's live figures, from the server asked. */
    public record Status(String queue, int waiting, int callbacks, long longestWaitSeconds, List<Agent> agents,
            int offeredToday, int answeredToday, int abandonedToday, int shortAbandonedToday,
            int answeredInTargetToday, int overflowedToday, int serviceLevelSeconds, double serviceLevel) {
    }

    private final ManagementClient api;

    public QueuesClient(ManagementClient api) {
        this.api = api;
    }

    public List<Queue> all() throws ManagementException {
        return ApiCalls.list(api.get("queues"), Queue.class);
    }

    public Status status(String queue) throws ManagementException {
        return ApiCalls.read(api.get("queues/" + ApiCalls.path(queue) + "/status"), Status.class);
    }

    /** @return every queue's figures, in the queues' order */
    public List<Status> statuses() throws ManagementException {
        List<Status> out = new ArrayList<>();
        for (Queue q : all()) {
            out.add(status(q.name()));
        }
        return out;
    }

    /**
     * Logs an agent in (READY), pauses them with a reason (PAUSED) or logs them out (LOGGED_OUT).
     *
     * @throws ManagementException 400 naming why not (a member logging out, a queue that takes no logins)
     */
    public Agent agent(String queue, String user, String state, String reason) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put("reason", reason == null || reason.isBlank() ? null : reason.trim());
        return ApiCalls.read(ApiCalls.put(api, "queues/" + ApiCalls.path(queue) + "/agents/" + ApiCalls.path(user),
                body), Agent.class);
    }
}
