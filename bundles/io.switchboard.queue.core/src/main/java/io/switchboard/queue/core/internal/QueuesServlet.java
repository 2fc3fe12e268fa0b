package io.switchboard.queue.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.JsonFields;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.queue.api.Queues;
import io.switchboard.store.api.StaleVersionException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Queues in the management API. A queue's {@code ETag} is its version: a PUT made against another version ({@code
 * If-Match}, or the {@code version} it read sent back in the body) is refused with 412 and the stored version;
 * {@code If-None-Match: *} or version 0 creates only.
 *
 * <pre>
 * GET    /queues                         every queue
 * GET    /queues/{name}                  its settings
 * PUT    /queues/{name}                  creates or replaces it; a bad field is refused with 400 naming it
 * DELETE /queues/{name}
 * GET    /queues/{name}/status           the wallboard's figures: callers waiting, agents by state, the day's
 * GET    /queues/{name}/report           ?from=&amp;to=&amp;intervalMinutes=60: past figures from the records
 * PUT    /queues/{name}/agents/{user}    {"state": "READY" | "PAUSED" | "LOGGED_OUT", "reason"}
 * GET    /queues/skills                  every agent's skills: {"alice": {"french": 8}}
 * GET    /queues/skills/{user}           {"french": 8, "billing": 3}
 * PUT    /queues/skills/{user}           replaces them (levels 1 to 10; {} removes them all)
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/queues/*" })
public class QueuesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /queues", "GET /queues/{name}", "PUT /queues/{name}",
            "DELETE /queues/{name}", "GET /queues/{name}/status", "PUT /queues/{name}/agents/{user}",
            "GET /queues/skills", "GET /queues/skills/{user}", "PUT /queues/skills/{user}",
            "GET /queues/{name}/report")
            .map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private transient Queues queues;

    @Reference
    private transient QueueReports reports;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/queues" + path, req, resp, JSON)) {
            return;
        }
        String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/");
        try {
            if (parts.length == 0) {
                JsonAnswers.write(resp, JSON, 200, queues.queues().stream().map(QueueJson::json).toList());
            } else if (parts[0].equals(QueueCheck.SKILLS) && parts.length <= 2) {
                skills(req, resp, parts.length == 2 ? parts[1] : null);
            } else if (parts.length == 2 && parts[1].equals("report")) {
                report(req, resp, parts[0]);
            } else if (parts.length == 2) {
                JsonAnswers.write(resp, JSON, 200, queues.status(parts[0]));
            } else if (parts.length == 3) {
                agent(req, resp, parts[0], parts[2]);
            } else {
                one(req, resp, parts[0]);
            }
        } catch (StaleVersionException e) {
            resp.setHeader("ETag", "\"" + e.stored() + "\"");
            JsonAnswers.error(resp, JSON, 412, e.getMessage() + "; read it again and make the change on that");
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, e.getMessage().startsWith("No queue") ? 404 : 400, e.getMessage());
        } catch (JsonProcessingException e) {
            JsonAnswers.error(resp, JSON, 400, "The body is no JSON: " + e.getOriginalMessage());
        }
    }

    private void one(HttpServletRequest req, HttpServletResponse resp, String name) throws IOException {
        switch (req.getMethod()) {
            case "PUT" -> {
                boolean existed = queues.queue(name).isPresent();
                JsonNode body = JSON.readTree(req.getInputStream());
                CallQueue saved = queues.save(QueueJson.parse(name, body), JsonFields.expectedVersion(req, body));
                resp.setHeader("ETag", "\"" + saved.version() + "\"");
                JsonAnswers.write(resp, JSON, existed ? 200 : 201, QueueJson.json(saved));
            }
            case "DELETE" -> {
                if (!queues.delete(name)) {
                    JsonAnswers.error(resp, JSON, 404, "No queue " + name);
                    return;
                }
                resp.setStatus(204);
            }
            default -> {
                var q = queues.queue(name);
                if (q.isEmpty()) {
                    JsonAnswers.error(resp, JSON, 404, "No queue " + name);
                    return;
                }
                resp.setHeader("ETag", "\"" + q.get().version() + "\"");
                JsonAnswers.write(resp, JSON, 200, QueueJson.json(q.get()));
            }
        }
    }

    /** Today (UTC) so far unless the period is named; an hour an interval unless another is. */
    private void report(HttpServletRequest req, HttpServletResponse resp, String queue) throws IOException {
        if (queues.queue(queue).isEmpty()) {
            throw new IllegalArgumentException("No queue " + queue);
        }
        Instant now = Instant.now();
        Instant from = instant(req, "from", now.truncatedTo(ChronoUnit.DAYS));
        Instant to = instant(req, "to", now);
        String interval = req.getParameter("intervalMinutes");
        int minutes;
        try {
            minutes = interval == null ? 60 : Integer.parseInt(interval);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("intervalMinutes: a number of minutes, not " + interval);
        }
        JsonAnswers.write(resp, JSON, 200, reports.report(queue, from, to, minutes));
    }

    private static Instant instant(HttpServletRequest req, String name, Instant otherwise) {
        String value = req.getParameter(name);
        try {
            return value == null ? otherwise : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": an instant, 2026-11-30T00:00:00Z, not " + value);
        }
    }

    private void skills(HttpServletRequest req, HttpServletResponse resp, String user) throws IOException {
        if (user == null) {
            JsonAnswers.write(resp, JSON, 200, queues.skills());
        } else if (req.getMethod().equals("PUT")) {
            JsonNode body = JSON.readTree(req.getInputStream());
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("skills: an object of levels, {\"french\": 8, \"billing\": 3}");
            }
            Map<String, Integer> wanted = new LinkedHashMap<>();
            body.fields().forEachRemaining(f -> wanted.put(f.getKey(), f.getValue().isInt() ? f.getValue().asInt()
                    : null));
            JsonAnswers.write(resp, JSON, 200, queues.saveSkills(user, wanted));
        } else {
            JsonAnswers.write(resp, JSON, 200, queues.skills().getOrDefault(user, Map.of()));
        }
    }

    private void agent(HttpServletRequest req, HttpServletResponse resp, String queue, String user)
            throws IOException {
        JsonNode body = JSON.readTree(req.getInputStream());
        JsonFields.known(body, Set.of("state", "reason"), "{\"state\": \"PAUSED\", \"reason\": \"lunch\"}");
        String state = JsonFields.text(body, "state", null);
        AgentState.State s;
        try {
            s = AgentState.State.valueOf(state == null ? "" : state.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state: READY, PAUSED or LOGGED_OUT, not " + state);
        }
        JsonAnswers.write(resp, JSON, 200, queues.agent(queue, user, s, JsonFields.text(body, "reason", null)));
    }
}
