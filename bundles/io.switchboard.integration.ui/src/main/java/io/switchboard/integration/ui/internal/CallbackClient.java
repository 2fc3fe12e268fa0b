package io.switchboard.integration.ui.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;

/** Callbacks and scheduled calls of the management API ({@code /callbacks}). Blocks: call it from a job. */
final class CallbackClient {

    /** A callback or scheduled call, with its report. */
    record Callback(long id, String kind, String user, String number, String name, Instant due, int repeatDays,
            String schedule, int maxAttempts, int attempts, String state, String callId, String requestedBy,
            String report) {
    }

    private final ManagementClient api;

    CallbackClient(ManagementClient api) {
        this.api = api;
    }

    List<Callback> list() throws ManagementException {
        return api.list("callbacks?limit=200", Callback.class);
    }

    /**
     * @param at when (a scheduled call), or not before when (a callback); null for now
     * @param repeat none, daily or weekly
     */
    void ask(String kind, String user, String number, String name, Instant at, String repeat, String schedule)
            throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("user", user);
        body.put("number", number);
        if (name != null) {
            body.put("name", name);
        }
        if (at != null) {
            body.put("at", at.toString());
        }
        body.put("repeat", repeat);
        if (schedule != null) {
            body.put("schedule", schedule);
        }
        api.send("POST", "callbacks", body);
    }

    void cancel(long id) throws ManagementException {
        api.send("DELETE", "callbacks/" + id, null);
    }
}
