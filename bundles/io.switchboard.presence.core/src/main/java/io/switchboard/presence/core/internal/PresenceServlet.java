package io.switchboard.presence.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import io.switchboard.sip.api.subscription.Subscriptions;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Busy lamps and presence in the management API: the resource lists phones watch with one
 * subscription, and who watches whom now.
 *
 * <pre>
 * GET    /presence/lists             every list with its members
 * GET    /presence/lists/{name}      one list
 * PUT    /presence/lists/{name}      {"members": ["bob", "carol"]}: make or replace it (users of the switch)
 * DELETE /presence/lists/{name}
 * GET    /presence/subscriptions     the subscriptions in force: package, watched, watcher, expiry
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/presence/*" })
public class PresenceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /presence/lists", "GET /presence/lists/{name}",
            "PUT /presence/lists/{name}", "DELETE /presence/lists/{name}", "GET /presence/subscriptions")
            .map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    /** A list as the API shows it. */
    record ListEntry(String name, List<String> members) {
    }

    @Reference
    private transient JdbcResourceLists lists;
    @Reference
    private transient Subscriptions subscriptions;
    @Reference
    private transient UserService users;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/presence" + path, req, resp, JSON)) {
            return;
        }
        String method = req.getMethod();
        try {
            if (path.equals("/subscriptions")) {
                JsonAnswers.write(resp, JSON, 200, subscriptions.list());
            } else if (path.equals("/lists")) {
                List<ListEntry> all = new ArrayList<>();
                for (Map.Entry<String, List<String>> e : lists.all().entrySet()) {
                    all.add(new ListEntry(e.getKey(), e.getValue()));
                }
                JsonAnswers.write(resp, JSON, 200, all);
            } else {
                String name = path.substring("/lists/".length());
                switch (method) {
                    case "GET" -> {
                        var members = lists.members(name);
                        if (members.isEmpty()) {
                            JsonAnswers.error(resp, JSON, 404, "No list named " + name);
                        } else {
                            JsonAnswers.write(resp, JSON, 200, new ListEntry(name, members.get()));
                        }
                    }
                    case "PUT" -> put(name, req, resp);
                    default -> {
                        if (lists.delete(name)) {
                            resp.setStatus(204);
                        } else {
                            JsonAnswers.error(resp, JSON, 404, "No list named " + name);
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        }
    }

    private void put(String name, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("A list's name is 1 to 64 letters, digits, '.', '_' or '-': " + name);
        }
        if (users.user(name).isPresent()) {
            JsonAnswers.error(resp, JSON, 409, name + " is a user: a list of that name would hide his lamp");
            return;
        }
        JsonNode body = JSON.readTree(req.getInputStream());
        JsonNode given = body == null ? null : body.get("members");
        if (given == null || !given.isArray()) {
            throw new IllegalArgumentException("members: an array of user names");
        }
        LinkedHashSet<String> members = new LinkedHashSet<>();
        for (JsonNode m : given) {
            String user = m.asText();
            if (users.user(user).isEmpty()) {
                throw new IllegalArgumentException("members: no user " + user);
            }
            if (!members.add(user)) {
                throw new IllegalArgumentException("members: " + user + " twice");
            }
        }
        if (members.size() > JdbcResourceLists.MAX_MEMBERS) {
            throw new IllegalArgumentException("members: at most " + JdbcResourceLists.MAX_MEMBERS + ", not "
                    + members.size());
        }
        boolean created = lists.save(name, List.copyOf(members));
        JsonAnswers.write(resp, JSON, created ? 201 : 200, new ListEntry(name, List.copyOf(members)));
    }
}
