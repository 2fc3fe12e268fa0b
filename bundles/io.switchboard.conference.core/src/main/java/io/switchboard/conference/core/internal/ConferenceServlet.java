package io.switchboard.conference.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.conference.api.Room;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.Role;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Conferences in the management API. PINs are set, never shown: a room says {@code pinSet}. A PIN
 * room's roster is shown to operators and admins, not to viewers; its PIN lockouts are shown
 * ({@code pinLockout}, {@code pinLockedSources}) and lifted with {@code "pinLockout": false}.
 *
 * <pre>
 * GET    /conference/rooms                       every room, with how many are in it
 * GET    /conference/rooms/{number}              one room and who is in it
 * PUT    /conference/rooms/{number}              {"name", "pin", "moderatorPin", "maxParticipants", "waitForModerator",
 *                                                "tones", "record", "locked", "pinLockout": false}: what it names
 *                                                changes (a PIN null: none)
 * DELETE /conference/rooms/{number}              the room, and the calls in it end
 * GET    /conference/rooms/{number}/participants who is in it now
 * POST   /conference/rooms/{number}/invite       {"target": "bob" or a number}: the room calls them (202, "callId")
 * GET    /conference/rooms/{number}/sessions     its latest conferences (?limit=, 20): start, end, participants, peak
 * PUT    /conference/participants/{callId}       {"muted": true}
 * DELETE /conference/participants/{callId}       ends that participant's call
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/conference/*" })
public class ConferenceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /conference/rooms",
            "GET /conference/rooms/{number}", "PUT /conference/rooms/{number}", "DELETE /conference/rooms/{number}",
            "GET /conference/rooms/{number}/participants", "POST /conference/rooms/{number}/invite",
            "GET /conference/rooms/{number}/sessions", "PUT /conference/participants/{callId}",
            "DELETE /conference/participants/{callId}").map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private transient ConferenceService conferences;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/conference" + path, req, resp, JSON)) {
            return;
        }
        String[] parts = path.substring(1).split("/");
        try {
            if (parts[0].equals("participants")) {
                participant(parts[1], req, resp);
            } else if (parts.length == 1) {
                JsonAnswers.write(resp, JSON, 200, conferences.rooms().stream().map(this::shown).toList());
            } else if (parts.length == 3) {
                if (conferences.room(parts[1]).isEmpty()) {
                    JsonAnswers.error(resp, JSON, 404, "No room " + parts[1]);
                    return;
                }
                switch (parts[2]) {
                    case "invite" -> invite(parts[1], req, resp);
                    case "sessions" -> JsonAnswers.write(resp, JSON, 200, conferences.sessions(parts[1],
                            limit(req.getParameter("limit"))));
                    default -> {
                        if (!rosterShown(parts[1], req)) {
                            JsonAnswers.error(resp, JSON, 403, "The roster of a PIN room is shown to operators and "
                                    + "admins");
                            return;
                        }
                        JsonAnswers.write(resp, JSON, 200, conferences.participants(parts[1]));
                    }
                }
            } else {
                room(parts[1], req, resp);
            }
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        }
    }

    private void room(String number, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Room> before = conferences.room(number);
        int status = 200;
        switch (req.getMethod()) {
            case "DELETE" -> {
                if (conferences.delete(number)) {
                    resp.setStatus(204);
                } else {
                    JsonAnswers.error(resp, JSON, 404, "No room " + number);
                }
                return;
            }
            case "PUT" -> {
                JsonNode body = JSON.readTree(req.getInputStream());
                if (body == null || !body.isObject()) {
                    throw new IllegalArgumentException("A JSON object: {\"name\": ..., \"pin\": ...}");
                }
                Room was = before.orElse(new Room(number, null, null, null, 0, false, true, false));
                conferences.save(new Room(number, text(body, "name", was.name()), text(body, "pin", was.pin()),
                        text(body, "moderatorPin", was.moderatorPin()), number(body, "maxParticipants",
                                was.maxParticipants()), flag(body, "waitForModerator", was.waitForModerator()),
                        flag(body, "tones", was.tones()), flag(body, "record", was.record())));
                if (body.has("locked")) {
                    conferences.lock(number, flag(body, "locked", false));
                }
                if (body.has("pinLockout") && !flag(body, "pinLockout", true)) {
                    conferences.pins().clear(number);
                }
                status = before.isPresent() ? 200 : 201;
            }
            default -> {
                if (before.isEmpty()) {
                    JsonAnswers.error(resp, JSON, 404, "No room " + number);
                    return;
                }
            }
        }
        Map<String, Object> out = shown(conferences.room(number).orElseThrow());
        Instant now = Instant.now();
        PinGuard.Lockout lockout = conferences.pins().room(number, now);
        out.put("pinLockout", lockout == null ? null : Map.of("until", lockout.until(), "wrongPins",
                lockout.wrongPins()));
        out.put("pinLockedSources", conferences.pins().sources(number, now).stream().map(l -> Map.of("source",
                l.source(), "until", l.until(), "wrongPins", l.wrongPins())).toList());
        if (rosterShown(number, req)) {
            out.put("participants", conferences.participants(number));
        }
        JsonAnswers.write(resp, JSON, status, out);
    }

    /** @return whether the account may see who is in the room: anyone for a room without PIN, else operators up */
    private boolean rosterShown(String number, HttpServletRequest req) {
        Room room = conferences.room(number).orElse(null);
        return room == null || !PinEntry.needed(room)
                || req.getAttribute(ManagementApi.ROLE_ATTRIBUTE) instanceof Role r && r.covers(Role.OPERATOR);
    }

    private void invite(String number, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body = JSON.readTree(req.getInputStream());
        String target = body == null ? null : text(body, "target", null);
        if (target == null) {
            throw new IllegalArgumentException("target: whom the room calls (a user, an extension or a number)");
        }
        JsonAnswers.write(resp, JSON, 202, Map.of("callId", conferences.invite(number, target)));
    }

    private static int limit(String given) {
        if (given == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(given);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("limit: 1 to 1000, not " + given);
    }

    private void participant(String callId, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean found;
        if (req.getMethod().equals("DELETE")) {
            found = conferences.remove(callId);
        } else {
            JsonNode body = JSON.readTree(req.getInputStream());
            if (body == null || !body.has("muted") || !body.get("muted").isBoolean()) {
                throw new IllegalArgumentException("muted: true or false");
            }
            found = conferences.mute(callId, body.get("muted").asBoolean());
        }
        if (found) {
            resp.setStatus(204);
        } else {
            JsonAnswers.error(resp, JSON, 404, "No participant " + callId);
        }
    }

    private Map<String, Object> shown(Room r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", r.number());
        out.put("name", r.name());
        out.put("pinSet", r.pin() != null);
        out.put("moderatorPinSet", r.moderatorPin() != null);
        out.put("maxParticipants", r.maxParticipants());
        out.put("waitForModerator", r.waitForModerator());
        out.put("tones", r.tones());
        out.put("record", r.record());
        out.put("locked", conferences.locked(r.number()));
        out.put("size", conferences.participants(r.number()).size());
        return out;
    }

    private static String text(JsonNode body, String field, String otherwise) {
        JsonNode v = body.get(field);
        if (v == null) {
            return otherwise;
        }
        if (v.isNull() || v.isTextual() && v.asText().isBlank()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + ": a string or null");
        }
        return v.asText().trim();
    }

    private static int number(JsonNode body, String field, int otherwise) {
        JsonNode v = body.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": a whole number");
        }
        return v.asInt();
    }

    private static boolean flag(JsonNode body, String field, boolean otherwise) {
        JsonNode v = body.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + ": true or false");
        }
        return v.asBoolean();
    }
}
