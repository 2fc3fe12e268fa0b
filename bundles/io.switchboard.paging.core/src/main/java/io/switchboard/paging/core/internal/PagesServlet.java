package io.switchboard.paging.core.internal;

import java.io.IOException;
import java.util.ArrayList;
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
import io.switchboard.paging.api.PageGroup;
import io.switchboard.store.api.StaleVersionException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Page groups in the management API. A group's {@code ETag} is its version: a PUT made against another version
 * ({@code If-Match}, or the {@code version} it read sent back in the body) is refused with 412 and the stored
 * version, never applied over someone else's change; {@code If-None-Match: *} or version 0 creates only.
 *
 * <pre>
 * GET    /paging/groups          every group
 * GET    /paging/groups/{name}   {"name", "members": ["alice"], "duplex", "description", "version"}
 * PUT    /paging/groups/{name}   creates or replaces it; a bad field is refused with 400 naming it
 * DELETE /paging/groups/{name}
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/paging/*" })
public class PagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /paging/groups", "GET /paging/groups/{name}",
            "PUT /paging/groups/{name}", "DELETE /paging/groups/{name}").map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    private static final Set<String> FIELDS = Set.of("name", "members", "duplex", "description", "version");
    private static final String GROUPS = "/groups";

    @Reference
    private transient PageGroupService groups;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/paging" + path, req, resp, JSON)) {
            return;
        }
        try {
            if (path.equals(GROUPS)) {
                JsonAnswers.write(resp, JSON, 200, groups.groups().stream().map(PagesServlet::json).toList());
                return;
            }
            String name = path.substring(GROUPS.length() + 1);
            switch (req.getMethod()) {
                case "PUT" -> {
                    boolean existed = groups.group(name).isPresent();
                    JsonNode body = JSON.readTree(req.getInputStream());
                    PageGroup saved = groups.save(parse(name, body), JsonFields.expectedVersion(req, body));
                    resp.setHeader("ETag", "\"" + saved.version() + "\"");
                    JsonAnswers.write(resp, JSON, existed ? 200 : 201, json(saved));
                }
                case "DELETE" -> {
                    if (!groups.delete(name)) {
                        JsonAnswers.error(resp, JSON, 404, "No page group " + name);
                        return;
                    }
                    resp.setStatus(204);
                }
                default -> {
                    var g = groups.group(name);
                    if (g.isEmpty()) {
                        JsonAnswers.error(resp, JSON, 404, "No page group " + name);
                        return;
                    }
                    resp.setHeader("ETag", "\"" + g.get().version() + "\"");
                    JsonAnswers.write(resp, JSON, 200, json(g.get()));
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

    /** @return the group the body describes, named by the path */
    static PageGroup parse(String name, JsonNode body) {
        JsonFields.known(body, FIELDS, "{\"members\": [\"alice\", \"bob\"], \"duplex\": false}");
        if (body.hasNonNull("name") && !name.equals(body.get("name").asText())) {
            throw new IllegalArgumentException("name: the body names " + body.get("name").asText() + ", the path "
                    + name);
        }
        JsonNode m = body.get("members");
        if (m == null || !m.isArray()) {
            throw new IllegalArgumentException("members: a list of users, [\"alice\", \"bob\"]");
        }
        List<String> members = new ArrayList<>();
        m.forEach(v -> members.add(v.isTextual() ? v.asText().trim() : null));
        return new PageGroup(name, members, JsonFields.flag(body, "duplex"), JsonFields.text(body, "description", null),
                0);
    }

    static Map<String, Object> json(PageGroup g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", g.name());
        out.put("members", g.members());
        out.put("duplex", g.duplex());
        out.put("description", g.description());
        out.put("version", g.version());
        return out;
    }
}
