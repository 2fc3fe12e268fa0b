package io.switchboard.attendant.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

import io.switchboard.attendant.api.Menu;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.JsonFields;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.store.api.StaleVersionException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The auto attendant in the management API. A menu's {@code ETag} is its version: a PUT made against another
 * version ({@code If-Match}, or the {@code version} it read sent back in the body) is refused with 412 and the
 * stored version, never applied over someone else's change; {@code If-None-Match: *} or version 0 creates only.
 *
 * <pre>
 * GET    /attendant/menus            every menu
 * GET    /attendant/menus/{name}     {"name", "greeting", "keys": {"1": "sales"}, "directDial", "timeoutSeconds",
 *                                    "retries", "timeoutDestination", "invalidDestination", "description", "version"}
 * PUT    /attendant/menus/{name}     creates or replaces it; a bad field is refused with 400 naming it
 * DELETE /attendant/menus/{name}
 * GET    /attendant/prompts          the shipped prompts, the admin's own, and their folder
 * GET    /attendant/prompts/{name}   the admin's prompt, audio/wav
 * PUT    /attendant/prompts/{name}   stores a WAV (PCM, mono or stereo, 8 to 48 kHz) as the prompt of that name
 * DELETE /attendant/prompts/{name}   409 naming the menus whose greeting it is
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/attendant/*" })
public class MenusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /attendant/menus", "GET /attendant/menus/{name}",
            "PUT /attendant/menus/{name}", "DELETE /attendant/menus/{name}", "GET /attendant/prompts",
            "GET /attendant/prompts/{name}", "PUT /attendant/prompts/{name}", "DELETE /attendant/prompts/{name}")
            .map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    private static final Set<String> FIELDS = Set.of("name", "greeting", "keys", "directDial", "timeoutSeconds",
            "retries", "timeoutDestination", "invalidDestination", "description", "version");
    private static final String MENUS = "/menus";

    @Reference
    private transient MenuService menus;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/attendant" + path, req, resp, JSON)) {
            return;
        }
        try {
            if (path.equals("/prompts")) {
                JsonAnswers.write(resp, JSON, 200, Map.of("shipped", menus.prompts(), "own", menus.clips().own(),
                        "folder", menus.clips().folder().toString()));
                return;
            }
            if (path.startsWith("/prompts/")) {
                prompt(path.substring("/prompts/".length()), req, resp);
                return;
            }
            if (path.equals(MENUS)) {
                JsonAnswers.write(resp, JSON, 200, menus.menus().stream().map(MenusServlet::json).toList());
                return;
            }
            String name = path.substring(MENUS.length() + 1);
            switch (req.getMethod()) {
                case "PUT" -> {
                    boolean existed = menus.menu(name).isPresent();
                    JsonNode body = JSON.readTree(req.getInputStream());
                    Menu saved = menus.save(parse(name, body), JsonFields.expectedVersion(req, body));
                    resp.setHeader("ETag", etag(saved));
                    JsonAnswers.write(resp, JSON, existed ? 200 : 201, json(saved));
                }
                case "DELETE" -> {
                    if (!menus.delete(name)) {
                        JsonAnswers.error(resp, JSON, 404, "No menu " + name);
                        return;
                    }
                    resp.setStatus(204);
                }
                default -> {
                    var m = menus.menu(name);
                    if (m.isEmpty()) {
                        JsonAnswers.error(resp, JSON, 404, "No menu " + name);
                        return;
                    }
                    resp.setHeader("ETag", etag(m.get()));
                    JsonAnswers.write(resp, JSON, 200, json(m.get()));
                }
            }
        } catch (StaleVersionException e) {
            resp.setHeader("ETag", "\"" + e.stored() + "\"");
            JsonAnswers.error(resp, JSON, 412, e.getMessage() + "; read it again and make the change on that");
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        } catch (JsonProcessingException e) {
            JsonAnswers.error(resp, JSON, 400, "The body is no JSON: " + e.getOriginalMessage());
        }
    }

    /** An admin's own prompt: heard, stored or removed. */
    private void prompt(String name, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Prompts prompts = menus.clips();
        switch (req.getMethod()) {
            case "PUT" -> {
                boolean existed = prompts.file(name) != null;
                double seconds = prompts.store(name, req.getInputStream().readNBytes(Prompts.MAX_BYTES + 1));
                JsonAnswers.write(resp, JSON, existed ? 200 : 201, Map.of("name", name, "seconds",
                        Math.round(seconds * 10) / 10.0));
            }
            case "DELETE" -> {
                List<String> using = menus.menus().stream().filter(m -> m.greeting().equals(name)).map(Menu::name)
                        .toList();
                if (!using.isEmpty()) {
                    JsonAnswers.error(resp, JSON, 409, "Prompt " + name + " is the greeting of menu(s) " + using);
                    return;
                }
                Path file = prompts.file(name);
                if (file == null) {
                    JsonAnswers.error(resp, JSON, 404, "No prompt file " + name);
                    return;
                }
                Files.delete(file);
                resp.setStatus(204);
            }
            default -> {
                Path file = prompts.file(name);
                if (file == null) {
                    JsonAnswers.error(resp, JSON, 404, "No prompt file " + name);
                    return;
                }
                resp.setContentType("audio/wav");
                resp.setContentLengthLong(Files.size(file));
                Files.copy(file, resp.getOutputStream());
            }
        }
    }

    private static String etag(Menu m) {
        return "\"" + m.version() + "\"";
    }

    /** @return the menu the body describes, named by the path; fields left out take their defaults */
    static Menu parse(String name, JsonNode body) {
        JsonFields.known(body, FIELDS, "{\"greeting\": \"welcome\", \"keys\": {\"1\": \"sales\", \"2\": "
                + "\"menu:support\"}, \"directDial\": true}");
        if (body.hasNonNull("name") && !name.equals(body.get("name").asText())) {
            throw new IllegalArgumentException("name: the body names " + body.get("name").asText() + ", the path "
                    + name);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        JsonNode k = body.get("keys");
        if (k != null && !k.isNull()) {
            if (!k.isObject()) {
                throw new IllegalArgumentException("keys: an object, {\"1\": \"sales\"}");
            }
            k.fields().forEachRemaining(e -> keys.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return new Menu(name, JsonFields.text(body, "greeting", Prompts.WELCOME), keys,
                JsonFields.flag(body, "directDial"), JsonFields.number(body, "timeoutSeconds", 5),
                JsonFields.number(body, "retries", 2), JsonFields.text(body, "timeoutDestination", null),
                JsonFields.text(body, "invalidDestination", null), JsonFields.text(body, "description", null), 0);
    }

    static Map<String, Object> json(Menu m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("greeting", m.greeting());
        out.put("keys", m.keys());
        out.put("directDial", m.directDial());
        out.put("timeoutSeconds", m.timeoutSeconds());
        out.put("retries", m.retries());
        out.put("timeoutDestination", m.timeoutDestination());
        out.put("invalidDestination", m.invalidDestination());
        out.put("description", m.description());
        out.put("version", m.version());
        return out;
    }
}
