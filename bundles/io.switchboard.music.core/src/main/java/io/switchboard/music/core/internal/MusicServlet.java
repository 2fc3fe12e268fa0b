package io.switchboard.music.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.media.audio.Clip;
import io.switchboard.media.audio.Uploads;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.JsonFields;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.music.api.MusicClass;
import io.switchboard.music.api.MusicPiece;
import io.switchboard.store.api.StaleVersionException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Music classes in the management API. A piece's {@code ETag} is when it was stored: a PUT with another
 * {@code If-Match} is refused with 412, {@code If-None-Match: *} stores only a new piece; the write itself checks
 * the condition, so that two servers' writes cannot both pass it.
 *
 * <pre>
 * GET    /music                   every class with its pieces
 * GET    /music/{class}/{piece}   the piece, audio/wav
 * PUT    /music/{class}/{piece}   stores a WAV (PCM, mono or stereo, 8 to 48 kHz) as the piece
 * DELETE /music/{class}/{piece}
 * GET    /music/users             the class each user's callers hear when the user holds them
 * GET    /music/users/{user}      {"user", "class", "version"}
 * PUT    /music/users/{user}      {"class": "sales"}; with If-Match or the version read, not over another change
 * DELETE /music/users/{user}      the relay's setting again
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/music/*" })
public class MusicServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /music", "GET /music/{class}/{piece}",
            "PUT /music/{class}/{piece}", "DELETE /music/{class}/{piece}", "GET /music/users",
            "GET /music/users/{user}", "PUT /music/users/{user}", "DELETE /music/users/{user}").map(ApiRoute::of)
            .toList();
    private static final String USERS = "/" + MusicLibrary.USERS;
    /** The largest upload: five minutes of CD audio. */
    static final int MAX_BYTES = 55 << 20;
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private transient MusicLibrary library;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/music" + path, req, resp, JSON)) {
            return;
        }
        if (path.isEmpty()) {
            JsonAnswers.write(resp, JSON, 200, library.classes().stream().map(MusicServlet::json).toList());
            return;
        }
        String[] parts = path.substring(1).split("/");
        try {
            if (path.equals(USERS) || path.startsWith(USERS + "/")) {
                user(parts.length > 1 ? parts[1] : null, req, resp);
                return;
            }
            String className = parts[0];
            String name = parts[1];
            switch (req.getMethod()) {
                case "PUT" -> put(className, name, req, resp);
                case "DELETE" -> {
                    if (!library.delete(className, name)) {
                        JsonAnswers.error(resp, JSON, 404, "No music " + className + "/" + name);
                        return;
                    }
                    resp.setStatus(204);
                }
                default -> get(className, name, req, resp);
            }
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        } catch (JsonProcessingException e) {
            JsonAnswers.error(resp, JSON, 400, "The body is no JSON: " + e.getOriginalMessage());
        }
    }

    /** A user's class: the list (no user), one, or its change; its ETag is its version. */
    private void user(String user, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (user == null) {
            JsonAnswers.write(resp, JSON, 200, library.userClasses().entrySet().stream()
                    .map(e -> json(e.getKey(), e.getValue())).toList());
            return;
        }
        try {
            switch (req.getMethod()) {
                case "PUT" -> {
                    JsonNode body = JSON.readTree(req.getInputStream());
                    JsonFields.known(body, Set.of("user", "class", "version"), "{\"class\": \"sales\"}");
                    if (body.hasNonNull("user") && !user.equals(body.get("user").asText())) {
                        throw new IllegalArgumentException("user: the body names " + body.get("user").asText()
                                + ", the path " + user);
                    }
                    String className = JsonFields.text(body, "class", null);
                    long version = library.choose(user, className, JsonFields.expectedVersion(req, body));
                    resp.setHeader("ETag", "\"" + version + "\"");
                    JsonAnswers.write(resp, JSON, version == 1 ? 201 : 200,
                            json(user, new MusicUsers.Chosen(className, version)));
                }
                case "DELETE" -> {
                    if (!library.unchoose(user)) {
                        JsonAnswers.error(resp, JSON, 404, user + " has no music class of their own");
                        return;
                    }
                    resp.setStatus(204);
                }
                default -> {
                    MusicUsers.Chosen chosen = library.userClasses().get(user);
                    if (chosen == null) {
                        JsonAnswers.error(resp, JSON, 404, user + " has no music class of their own");
                        return;
                    }
                    resp.setHeader("ETag", "\"" + chosen.version() + "\"");
                    JsonAnswers.write(resp, JSON, 200, json(user, chosen));
                }
            }
        } catch (StaleVersionException e) {
            resp.setHeader("ETag", "\"" + e.stored() + "\"");
            JsonAnswers.error(resp, JSON, 412, e.getMessage() + "; read it again and make the change on that");
        }
    }

    static Map<String, Object> json(String user, MusicUsers.Chosen chosen) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("class", chosen == null ? null : chosen.className());
        out.put("version", chosen == null ? 0 : chosen.version());
        return out;
    }

    private void put(String className, String name, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        MusicLibrary.check("class", className);
        MusicLibrary.check("piece", name);
        String ifMatch = req.getHeader("If-Match");
        MusicTable.Condition condition = "*".equals(req.getHeader("If-None-Match")) ? MusicTable.Condition.NEW
                : ifMatch != null ? MusicTable.Condition.STORED : MusicTable.Condition.ANY;
        OffsetDateTime storedAt = ifMatch == null || ifMatch.equals("*") ? null : storedAt(ifMatch);
        if (ifMatch != null && !ifMatch.equals("*") && storedAt == null) {
            JsonAnswers.error(resp, JSON, 412, "If-Match " + ifMatch + " names no version of a piece: send the ETag "
                    + "the list or a GET gave");
            return;
        }
        Clip clip = Uploads.mono(req.getInputStream().readNBytes(MAX_BYTES + 1), MAX_BYTES);
        boolean existed = library.listed(className, name) != null;
        if (!library.store(className, name, clip, condition, storedAt)) {
            MusicPiece stored = library.listed(className, name);
            if (stored != null) {
                resp.setHeader("ETag", etag(stored));
            }
            JsonAnswers.error(resp, JSON, 412, "Music " + className + "/" + name + (stored == null ? " is not there"
                    : " was stored at " + stored.changed()) + "; read the list again and make the change on that");
            return;
        }
        MusicPiece saved = library.listed(className, name);
        if (saved == null) { // stored, but the list could not be read again: said without its version
            resp.setStatus(existed ? 200 : 201);
            return;
        }
        resp.setHeader("ETag", etag(saved));
        JsonAnswers.write(resp, JSON, existed ? 200 : 201, json(className, saved));
    }

    /** @return the time an ETag of a piece names, or null for one the server never gave */
    private static OffsetDateTime storedAt(String etag) {
        String millis = etag.replace("W/", "").replace("\"", "").trim();
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis)).atOffset(ZoneOffset.UTC);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void get(String className, String name, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        if (req.getDispatcherType() == DispatcherType.INCLUDE) {
            // the audit log's look at the piece before and after a change: what it is, not its sound
            MusicPiece listed = library.listed(className, name);
            if (listed == null) {
                JsonAnswers.error(resp, JSON, 404, "No music " + className + "/" + name);
            } else {
                JsonAnswers.write(resp, JSON, 200, json(className, listed));
            }
            return;
        }
        Clip clip = library.piece(className, name);
        if (clip == null) {
            JsonAnswers.error(resp, JSON, 404, "No music " + className + "/" + name);
            return;
        }
        MusicPiece listed = library.listed(className, name);
        if (listed != null) {
            resp.setHeader("ETag", etag(listed));
        }
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        clip.write(wav);
        resp.setContentType("audio/wav");
        resp.setContentLength(wav.size());
        wav.writeTo(resp.getOutputStream());
    }

    static String etag(MusicPiece p) {
        return "\"" + p.changed().toInstant().toEpochMilli() + "\"";
    }

    static Map<String, Object> json(MusicClass c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("seconds", Math.round(c.seconds() * 10) / 10.0);
        out.put("pieces", c.pieces().stream().map(p -> json(null, p)).toList());
        return out;
    }

    static Map<String, Object> json(String className, MusicPiece p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (className != null) {
            out.put("class", className);
        }
        out.put("name", p.name());
        out.put("seconds", Math.round(p.seconds() * 10) / 10.0);
        out.put("rate", p.rate());
        out.put("changed", p.changed().toString());
        out.put("etag", etag(p));
        return out;
    }
}
