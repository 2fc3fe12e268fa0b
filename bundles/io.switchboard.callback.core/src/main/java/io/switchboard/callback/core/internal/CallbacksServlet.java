package io.switchboard.callback.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.callback.core.internal.CallbackTable.Callback;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Callbacks and scheduled calls (operators, or a token with the scope {@code callbacks}):
 * <pre>
 * POST   /callbacks        {"kind", "user", "number" or "record" (a missed call's), "name", "at", "repeat": none|daily|weekly, "schedule",
 *                          "maxAttempts", "retryMinutes"}: a callback (kind callback, the default without "at":
 *                          once, not before "at", while the schedule is open; cancelled if the two speak meanwhile)
 *                          or a scheduled call (kind scheduled: at "at", repeated)
 * GET    /callbacks        the latest, newest first (?limit=)
 * GET    /callbacks/{id}   one, with its report
 * DELETE /callbacks/{id}   cancels one that is pending
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/callbacks", "osgi.http.whiteboard.servlet.pattern=/callbacks/*" })
public class CallbacksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("POST /callbacks"), ApiRoute.of("GET /callbacks"),
            ApiRoute.of("GET /callbacks/{id}"), ApiRoute.of("DELETE /callbacks/{id}"));

    @Reference
    private transient CallbackService callbacks;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (JsonAnswers.refused(ROUTES, path, req, resp, JSON)) {
            return;
        }
        try {
            if (path.equals("/callbacks")) {
                if ("POST".equals(req.getMethod())) {
                    ask(req, resp);
                } else {
                    String limit = req.getParameter("limit");
                    JsonAnswers.write(resp, JSON, 200, callbacks.list(limit == null ? 100 : Integer.parseInt(limit)));
                }
                return;
            }
            long id = Long.parseLong(path.substring("/callbacks/".length()));
            if ("DELETE".equals(req.getMethod())) {
                if (callbacks.cancel(id, String.valueOf(req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE)))) {
                    JsonAnswers.write(resp, JSON, 200, callbacks.get(id).orElseThrow());
                } else {
                    JsonAnswers.error(resp, JSON, 404, "No pending callback " + id);
                }
            } else {
                var c = callbacks.get(id);
                if (c.isPresent()) {
                    JsonAnswers.write(resp, JSON, 200, c.get());
                } else {
                    JsonAnswers.error(resp, JSON, 404, "No callback " + id);
                }
            }
        } catch (NumberFormatException e) {
            JsonAnswers.error(resp, JSON, 400, "Not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        }
    }

    private void ask(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode b;
        try {
            b = JSON.readTree(req.getInputStream());
        } catch (JacksonException e) {
            JsonAnswers.error(resp, JSON, 400, "Body is not JSON: " + e.getOriginalMessage());
            return;
        }
        if (b == null || !b.isObject()) {
            JsonAnswers.error(resp, JSON, 400, "Body must be {\"user\": \"alice\", \"number\": \"+12125550100\", ...}");
            return;
        }
        Instant at;
        try {
            at = b.hasNonNull("at") ? Instant.parse(b.get("at").asText()) : null;
        } catch (DateTimeParseException e) {
            JsonAnswers.error(resp, JSON, 400, "at must be an instant like 2026-12-01T09:00:00Z");
            return;
        }
        String repeat = b.path("repeat").asText("none");
        int days = switch (repeat) {
            case "none", "" -> 0;
            case "daily" -> 1;
            case "weekly" -> 7;
            default -> throw new IllegalArgumentException("repeat must be none, daily or weekly, not '" + repeat + "'");
        };
        String number = b.path("number").asText(null);
        String name = b.path("name").asText(null);
        if (b.hasNonNull("record")) {
            // "call back" from a missed call: the caller's number and name from its record
            var r = callbacks.record(b.get("record").asText()).orElseThrow(() -> new IllegalArgumentException(
                    "No call record " + b.get("record").asText()));
            number = number != null ? number : r.callerE164() != null ? r.callerE164() : r.caller();
            name = name != null ? name : r.callerName();
        }
        String kind = b.path("kind").asText(at == null && days == 0 ? CallbackService.CALLBACK : CallbackService.SCHEDULED);
        if (!kind.equals(CallbackService.CALLBACK) && !kind.equals(CallbackService.SCHEDULED) || days > 0
                && kind.equals(CallbackService.CALLBACK)) {
            throw new IllegalArgumentException("kind must be callback (once, not before at) or scheduled");
        }
        Callback c = callbacks.ask(kind,
                b.path("user").asText(null), number, name, at, days,
                b.path("schedule").asText(null), b.hasNonNull("maxAttempts") ? b.get("maxAttempts").asInt() : null,
                b.hasNonNull("retryMinutes") ? b.get("retryMinutes").asInt() : null,
                String.valueOf(req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE)));
        JsonAnswers.write(resp, JSON, 201, c);
    }
}
