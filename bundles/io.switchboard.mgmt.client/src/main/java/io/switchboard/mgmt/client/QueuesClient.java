package io.switchboard.mgmt.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Call queues in the management API ({@code /queues}): the queues, their live figures and their agents, and a
 * queue's settings to change (since 1.20), saved with the version they were read at so that a change never lands on
 * top of another admin's. Blocks like {@link ManagementClient}: call it from a job.
 *
 * @since 1.18
 */
public final class QueuesClient {

    /** A queue's settings as the server keeps them. */
    public record Queue(String name, String strategy, List<String> members, boolean dynamic, int ringSeconds,
            int wrapUpSeconds, int maxWaitSeconds, int maxCallers, String overflow, int announceSeconds,
            boolean callback, String description, long version) {
    }

    /**
     * A queue's settings, all of them, as an editor reads and saves them; {@code version} 0 for a new one.
     *
     * @param strategy LONGEST_IDLE, ROUND_ROBIN, FEWEST_CALLS, SKILL or RING_ALL
     * @param skill what the queue's callers need, or null
     * @param music the music class its callers hear, or null for the default (since 1.21)
     * @since 1.20
     */
    public record Settings(String name, String strategy, List<String> members, boolean dynamic, int ringSeconds,
            int wrapUpSeconds, int maxWaitSeconds, int maxCallers, String overflow, int announceSeconds,
            boolean callback, String skill, String music, String description, long version) {

        /** A queue's settings as version 1.20 had them: the default music. */
        public Settings(String name, String strategy, List<String> members, boolean dynamic, int ringSeconds,
                int wrapUpSeconds, int maxWaitSeconds, int maxCallers, String overflow, int announceSeconds,
                boolean callback, String skill, String description, long version) {
            this(name, strategy, members, dynamic, ringSeconds, wrapUpSeconds, maxWaitSeconds, maxCallers, overflow,
                    announceSeconds, callback, skill, null, description, version);
        }
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

    /** @return every queue's settings, skill included (since 1.20) */
    public List<Settings> settings() throws ManagementException {
        return ApiCalls.list(api.get("queues"), Settings.class);
    }

    /**
     * Creates the queue (version 0) or changes it from the version it was read at.
     *
     * @throws ManagementException 400 naming the first bad field; 412 when it was changed (or made) meanwhile
     * @since 1.20
     */
    public Settings save(Settings q) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("strategy", q.strategy());
        body.put("members", q.members());
        body.put("dynamic", q.dynamic());
        body.put("ringSeconds", q.ringSeconds());
        body.put("wrapUpSeconds", q.wrapUpSeconds());
        body.put("maxWaitSeconds", q.maxWaitSeconds());
        body.put("maxCallers", q.maxCallers());
        body.put("overflow", blank(q.overflow()));
        body.put("announceSeconds", q.announceSeconds());
        body.put("callback", q.callback());
        body.put("skill", blank(q.skill()));
        body.put("music", blank(q.music()));
        body.put("description", blank(q.description()));
        body.put("version", q.version());
        return ApiCalls.read(ApiCalls.put(api, "queues/" + ApiCalls.path(q.name()), body), Settings.class);
    }

    /** @since 1.20 */
    public boolean delete(String name) throws ManagementException {
        return ApiCalls.delete(api, "queues/" + ApiCalls.path(name));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
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
