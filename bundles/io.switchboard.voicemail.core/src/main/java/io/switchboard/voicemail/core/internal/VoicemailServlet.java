package io.switchboard.voicemail.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.voicemail.api.Mailbox;
import io.switchboard.voicemail.api.VoiceMessage;
import io.switchboard.voicemail.api.Voicemail;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Voicemail in the management API. A message's audio is content: operators only (docs/security.md).
 *
 * <pre>
 * GET    /voicemail/mailboxes/{user}            settings and counts: {"enabled", "email", "deleteAfterMail", "pinSet",
 *                                               "unsolicited", "new", "old"}
 * PUT    /voicemail/mailboxes/{user}            {"enabled": true, "email": "bob@example.com" or null, "deleteAfterMail": false,
 *                                               "pin": "4711", "unsolicited": true}:
 *                                               what it names changes
 * GET    /voicemail/mailboxes/{user}/messages   its messages, newest first
 * GET    /voicemail/messages/{id}               one message
 * GET    /voicemail/messages/{id}/audio         its WAV
 * PUT    /voicemail/messages/{id}               {"heard": true}
 * DELETE /voicemail/messages/{id}
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/voicemail/*" })
public class VoicemailServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /voicemail/mailboxes/{user}",
            "PUT /voicemail/mailboxes/{user}", "GET /voicemail/mailboxes/{user}/messages",
            "GET /voicemail/messages/{id}", "GET /voicemail/messages/{id}/audio", "PUT /voicemail/messages/{id}",
            "DELETE /voicemail/messages/{id}").map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private transient Voicemail voicemail;
    @Reference
    private transient VoicemailService service;
    @Reference
    private transient UserService users;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/voicemail" + path, req, resp, JSON)) {
            return;
        }
        String[] parts = path.substring(1).split("/");
        try {
            if (parts[0].equals("mailboxes")) {
                mailbox(parts, req, resp);
            } else {
                message(parts, req, resp);
            }
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        }
    }

    private void mailbox(String[] parts, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = parts[1];
        if (users.user(user).isEmpty()) {
            JsonAnswers.error(resp, JSON, 404, "No user " + user);
            return;
        }
        if (parts.length == 3) {
            JsonAnswers.write(resp, JSON, 200, voicemail.messages(user));
            return;
        }
        if (req.getMethod().equals("PUT")) {
            JsonNode body = JSON.readTree(req.getInputStream());
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("A JSON object: {\"email\": ..., \"deleteAfterMail\": ...}");
            }
            // what the body names changes; the rest stays as it was
            Mailbox before = voicemail.mailbox(user);
            JsonNode email = body.get("email");
            String address = email == null ? before.email()
                    : email.isNull() || email.asText().isBlank() ? null : email.asText().trim();
            JsonNode delete = body.get("deleteAfterMail");
            if (delete != null && !delete.isBoolean()) {
                throw new IllegalArgumentException("deleteAfterMail: true or false");
            }
            if (body.has("pin")) {
                voicemail.pin(user, body.get("pin").isTextual() ? body.get("pin").asText() : null);
            }
            JsonNode enabled = body.get("enabled");
            if (enabled != null && !enabled.isBoolean() && !enabled.isNull()) {
                throw new IllegalArgumentException("enabled: true, false, or null for the server's default");
            }
            JsonNode unsolicited = body.get("unsolicited");
            if (unsolicited != null && !unsolicited.isBoolean()) {
                throw new IllegalArgumentException("unsolicited: true or false");
            }
            voicemail.save(new Mailbox(user, enabled == null ? before.enabled() : enabled.isNull() ? null
                    : enabled.asBoolean(), address, delete == null ? before.deleteAfterMail() : delete.asBoolean(),
                    before.pinSet(), unsolicited == null ? before.unsolicited() : unsolicited.asBoolean()));
        }
        Mailbox m = voicemail.mailbox(user);
        int[] counts = service.counts(user);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("enabled", voicemail.enabled(user));
        out.put("email", m.email());
        out.put("deleteAfterMail", m.deleteAfterMail());
        out.put("pinSet", m.pinSet());
        out.put("unsolicited", m.unsolicited());
        out.put("new", counts[0]);
        out.put("old", counts[1]);
        JsonAnswers.write(resp, JSON, 200, out);
    }

    private void message(String[] parts, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long id;
        try {
            id = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A message's id is a number: " + parts[1]);
        }
        Optional<VoiceMessage> m = voicemail.message(id);
        if (m.isEmpty()) {
            JsonAnswers.error(resp, JSON, 404, "No voice message " + id);
            return;
        }
        switch (req.getMethod()) {
            case "DELETE" -> {
                voicemail.delete(id);
                resp.setStatus(204);
            }
            case "PUT" -> {
                JsonNode body = JSON.readTree(req.getInputStream());
                if (body == null || !body.path("heard").isBoolean()) {
                    throw new IllegalArgumentException("{\"heard\": true or false}");
                }
                voicemail.heard(id, body.get("heard").asBoolean());
                JsonAnswers.write(resp, JSON, 200, voicemail.message(id).orElseThrow());
            }
            default -> {
                if (parts.length == 3) {
                    audio(id, resp);
                } else {
                    JsonAnswers.write(resp, JSON, 200, m.get());
                }
            }
        }
    }

    private void audio(long id, HttpServletResponse resp) throws IOException {
        Optional<Path> wav = voicemail.audio(id);
        if (wav.isEmpty()) {
            JsonAnswers.error(resp, JSON, 404, "The audio of message " + id + " is gone");
            return;
        }
        resp.setStatus(200);
        resp.setContentType("audio/wav");
        resp.setHeader("Content-Disposition", "attachment; filename=\"voicemail-" + id + ".wav\"");
        resp.setContentLengthLong(Files.size(wav.get()));
        Files.copy(wav.get(), resp.getOutputStream());
    }
}
