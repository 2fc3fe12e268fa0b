package io.switchboard.groups.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Ring groups in the management API.
 *
 * <pre>
 * GET    /groups          every group
 * GET    /groups/{name}   {"name", "extension", "strategy", "ringSeconds", "members": [{"member", "seconds"}], "noAnswer",
 *                         "schedule", "closedDestination", "lastCallEnded": {member: when}, "now": {"open", "why"}}
 * PUT    /groups/{name}   the whole group (201 when new); a member or destination no call can reach: 400 naming it
 * DELETE /groups/{name}
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/groups/*", "osgi.http.whiteboard.servlet.pattern=/groups" })
public class GroupsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /groups", "GET /groups/{name}",
            "PUT /groups/{name}", "DELETE /groups/{name}").map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private transient GroupService groups;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/groups" + path, req, resp, JSON)) {
            return;
        }
        try {
            if (path.isEmpty() || path.equals("/")) {
                List<Map<String, Object>> out = new ArrayList<>();
                groups.all().forEach(g -> out.add(json(g)));
                JsonAnswers.write(resp, JSON, 200, out);
                return;
            }
            String name = path.substring(1);
            switch (req.getMethod()) {
                case "PUT" -> {
                    boolean existed = groups.group(name).isPresent();
                    Group saved = groups.save(parse(name, JSON.readTree(req.getInputStream())));
                    JsonAnswers.write(resp, JSON, existed ? 200 : 201, json(saved));
                }
                case "DELETE" -> {
                    if (groups.delete(name)) {
                        resp.setStatus(204);
                    } else {
                        JsonAnswers.error(resp, JSON, 404, "No group " + name);
                    }
                }
                default -> {
                    var g = groups.group(name);
                    if (g.isEmpty()) {
                        JsonAnswers.error(resp, JSON, 404, "No group " + name);
                    } else {
                        Map<String, Object> out = json(g.get());
                        out.put("lastCallEnded", groups.lastCalls(g.get()).entrySet().stream().collect(
                                Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString())));
                        var hours = groups.hours(g.get(), Instant.now());
                        if (hours != null) {
                            out.put("now", Map.of("open", hours.open(), "why", hours.why()));
                        }
                        JsonAnswers.write(resp, JSON, 200, out);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        }
    }

    static Group parse(String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("A JSON object: {\"extension\": \"600\", \"strategy\": \"ring_all\", "
                    + "\"ringSeconds\": 20, \"members\": [...], \"noAnswer\": ...}");
        }
        List<Group.Member> members = new ArrayList<>();
        JsonNode list = body.path("members");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("members: a list of users or numbers, or of {\"member\", \"seconds\"}");
        }
        for (JsonNode m : list) {
            if (m.isTextual()) {
                members.add(new Group.Member(m.asText(), 0));
            } else if (m.isObject() && m.path("member").isTextual()) {
                members.add(new Group.Member(m.path("member").asText(), m.path("seconds").asInt(0)));
            } else {
                throw new IllegalArgumentException("members: a user or number, or {\"member\", \"seconds\"}, not " + m);
            }
        }
        JsonNode seconds = body.path("ringSeconds");
        if (!seconds.isMissingNode() && !seconds.isInt()) {
            throw new IllegalArgumentException("ringSeconds: a whole number of seconds");
        }
        return new Group(name, body.path("extension").asText(null), Group.Strategy.of(body.path("strategy")
                .asText("ring_all")), seconds.asInt(20), members, body.path("noAnswer").isTextual()
                        ? body.path("noAnswer").asText() : null, body.path("schedule").isTextual()
                                ? body.path("schedule").asText() : null,
                body.path("closedDestination").isTextual() ? body.path("closedDestination").asText() : null);
    }

    static Map<String, Object> json(Group g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", g.name());
        out.put("extension", g.extension());
        out.put("strategy", g.strategy().json());
        out.put("ringSeconds", g.ringSeconds());
        List<Map<String, Object>> members = new ArrayList<>();
        g.members().forEach(m -> {
            Map<String, Object> member = new LinkedHashMap<>(); // the fields in one order, whatever the JVM
            member.put("member", m.member());
            member.put("seconds", m.seconds());
            members.add(member);
        });
        out.put("members", members);
        out.put("noAnswer", g.noAnswer());
        out.put("schedule", g.schedule());
        out.put("closedDestination", g.closed());
        return out;
    }
}
