package io.switchboard.emergency.ui.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;

/**
 * Emergency calls of the management API ({@code /emergency}), the console's own client for this
 * area. Blocks like {@link ManagementClient}: call it from a job.
 */
final class EmergencyClient {

    /** A civic address in RFC 5139's fields. */
    record Address(String country, String a1, String a3, String rd, String hno, String hns, String flr, String room,
            String pc, String loc, String nam) {
    }

    /** A dispatchable location. */
    record Location(String name, Address address, String elin, String description) {
    }

    /** Where a location applies: network, user or number. */
    record Assignment(String kind, String key, String location) {
    }

    /** An emergency or test call of the log; {@code ended} null while it goes on. */
    record Call(String callId, Instant started, Instant answered, Instant ended, String user, String callback,
            String dialled, boolean test, String location, String address, String how, String trunk, String state) {
    }

    /** A user whose phone moves. */
    record Nomadic(String user, String lastSource, boolean unknownNetwork, String confirmedLocation, Instant seen) {
    }

    /** Everything the view shows. */
    record Snapshot(List<Location> locations, List<Assignment> assignments, List<Call> calls, List<Nomadic> nomadic,
            List<String> unlocated) {
    }

    static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of(), List.of(), List.of());

    private final ManagementClient api;

    EmergencyClient(ManagementClient api) {
        this.api = api;
    }

    Snapshot snapshot() throws ManagementException {
        return new Snapshot(api.list("emergency/locations", Location.class),
                api.list("emergency/assignments", Assignment.class), api.list("emergency/calls?limit=50", Call.class),
                api.list("emergency/nomadic", Nomadic.class), api.list("emergency/unlocated", String.class));
    }

    /** @return the emergency calls going on now (not the tests) */
    List<Call> active() throws ManagementException {
        return api.list("emergency/calls?active=true", Call.class).stream().filter(c -> !c.test()).toList();
    }

    /** @throws ManagementException 400 naming the first field that is not valid */
    void save(Location l) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("address", l.address());
        body.put("elin", l.elin());
        body.put("description", l.description());
        send("PUT", "emergency/locations/" + l.name(), body);
    }

    void delete(String name) throws ManagementException {
        send("DELETE", "emergency/locations/" + name, null);
    }

    void assign(String kind, String key, String location) throws ManagementException {
        send("PUT", "emergency/assignments", Map.of("kind", kind, "key", key, "location", location));
    }

    void unassign(String kind, String key) throws ManagementException {
        send("DELETE", "emergency/assignments?kind=" + kind + "&key=" + URLEncoder.encode(key,
                StandardCharsets.UTF_8), null);
    }

    private void send(String method, String path, Object body) throws ManagementException {
        api.send(method, path, body);
    }
}
