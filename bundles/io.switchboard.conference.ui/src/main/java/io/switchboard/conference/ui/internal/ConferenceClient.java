package io.switchboard.conference.ui.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;

/**
 * Conferences of the management API ({@code /conference}), the console's own client for this area.
 * Blocks like {@link ManagementClient}: call it from a job.
 */
final class ConferenceClient {

    /** A room as the API shows it: PINs are only said to be set. */
    record Room(String number, String name, boolean pinSet, boolean moderatorPinSet, int maxParticipants,
            boolean waitForModerator, boolean tones, boolean record, boolean locked, int size) {
    }

    /** Someone in a room; {@code joined} null while they type the PIN, or while the room calls them. */
    record Participant(String callId, String room, String caller, String callerName, Instant joined,
            boolean moderator, boolean muted, boolean talking, int sampleRate, boolean invited, Video video,
            Double mos) {
    }

    /** A participant's video; null for audio only. */
    record Video(boolean shown, long packetsIn, long packetsOut, int keyframeRequests) {
    }

    /** One conference of a room: {@code ended} null while it goes on. */
    record Session(String id, String room, Instant started, Instant ended, int participants, int peak) {
    }

    /** The rooms, who is in the one shown, and its latest conference (or null). */
    record Snapshot(List<Room> rooms, List<Participant> roster, Session last) {
    }

    private final ManagementClient api;

    ConferenceClient(ManagementClient api) {
        this.api = api;
    }

    /** @param room the room whose roster is wanted, or blank for none */
    Snapshot snapshot(String room) throws ManagementException {
        List<Room> rooms = api.list("conference/rooms", Room.class);
        if (rooms.stream().noneMatch(r -> r.number().equals(room))) {
            return new Snapshot(rooms, List.of(), null);
        }
        List<Session> last = api.list("conference/rooms/" + room + "/sessions?limit=1", Session.class);
        return new Snapshot(rooms, api.list("conference/rooms/" + room + "/participants", Participant.class),
                last.isEmpty() ? null : last.get(0));
    }

    /**
     * Creates or changes a room. A PIN left blank stays as it was; {@code "-"} removes it.
     *
     * @throws ManagementException 400 naming the bad field
     */
    void save(String number, String name, String pin, String moderatorPin, int max, boolean waitForModerator,
            boolean tones, boolean record) throws ManagementException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.isBlank() ? null : name.trim());
        pin(body, "pin", pin);
        pin(body, "moderatorPin", moderatorPin);
        body.put("maxParticipants", max);
        body.put("waitForModerator", waitForModerator);
        body.put("tones", tones);
        body.put("record", record);
        send("PUT", "conference/rooms/" + number, body);
    }

    private static void pin(Map<String, Object> body, String field, String typed) {
        if (typed.trim().equals("-")) {
            body.put(field, null);
        } else if (!typed.isBlank()) {
            body.put(field, typed.trim());
        }
    }

    void delete(String number) throws ManagementException {
        send("DELETE", "conference/rooms/" + number, null);
    }

    void lock(String number, boolean locked) throws ManagementException {
        send("PUT", "conference/rooms/" + number, Map.of("locked", locked));
    }

    /** The room calls {@code target} out. @return the call's SIP Call-ID */
    String invite(String number, String target) throws ManagementException {
        return api.send("POST", "conference/rooms/" + number + "/invite", Map.of("target", target)).path("callId")
                .asText();
    }

    void mute(String callId, boolean muted) throws ManagementException {
        send("PUT", "conference/participants/" + callId, Map.of("muted", muted));
    }

    void remove(String callId) throws ManagementException {
        send("DELETE", "conference/participants/" + callId, null);
    }

    private void send(String method, String path, Object body) throws ManagementException {
        api.send(method, path, body);
    }
}
