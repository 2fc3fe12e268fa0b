package io.switchboard.emergency.core.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.emergency.api.Assignment;
import io.switchboard.emergency.api.CivicAddress;
import io.switchboard.emergency.api.EmergencyCaller;
import io.switchboard.emergency.api.Location;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.sip.api.provisioning.NumberService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Emergency calls in the management API.
 *
 * <pre>
 * GET    /emergency/locations                the address book
 * GET    /emergency/locations/{name}         one location
 * PUT    /emergency/locations/{name}         {"address": {"country", "a1", "a3", "rd", "hno", "hns", "flr", "room",
 *                                             "pc", "loc", "nam"}, "elin", "description"} (RFC 5139's names, in
 *                                             either case)
 * DELETE /emergency/locations/{name}         unless something is assigned to it (409)
 * GET    /emergency/assignments              networks, users and numbers, each with its location
 * PUT    /emergency/assignments              {"kind": "network|user|number", "key": "10.1.2.0/24", "location"}
 * DELETE /emergency/assignments?kind=&key=   one assignment
 * GET    /emergency/nomadic                  the nomadic users, where their phones were last seen
 * PUT    /emergency/nomadic/{user}           {"nomadic": true|false, "confirmedLocation": name or null}
 * GET    /emergency/unlocated                the users with no dispatchable location
 * GET    /emergency/locate?user=&source=     what an emergency call of the user from that address would send
 * GET    /emergency/calls                    the log (?limit=, 50; ?active=true: those going on)
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/emergency/*" })
public class EmergencyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /emergency/locations",
            "GET /emergency/locations/{name}", "PUT /emergency/locations/{name}", "DELETE /emergency/locations/{name}",
            "GET /emergency/assignments", "PUT /emergency/assignments", "DELETE /emergency/assignments",
            "GET /emergency/nomadic", "PUT /emergency/nomadic/{user}", "GET /emergency/unlocated",
            "GET /emergency/locate", "GET /emergency/calls").map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private transient EmergencyService locations;
    @Reference
    private transient EmergencyLog log;
    @Reference
    private transient NumberService numbers;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/emergency" + path, req, resp, JSON)) {
            return;
        }
        String[] parts = path.substring(1).split("/");
        try {
            switch (parts[0]) {
                case "locations" -> {
                    if (parts.length == 1) {
                        JsonAnswers.write(resp, JSON, 200, locations.locations());
                    } else {
                        location(parts[1], req, resp);
                    }
                }
                case "assignments" -> assignments(req, resp);
                case "nomadic" -> {
                    if (parts.length == 1) {
                        JsonAnswers.write(resp, JSON, 200, locations.nomadicUsers());
                    } else {
                        nomadic(parts[1], req, resp);
                    }
                }
                case "unlocated" -> JsonAnswers.write(resp, JSON, 200, locations.unlocated());
                case "locate" -> locate(req, resp);
                default -> JsonAnswers.write(resp, JSON, 200, "true".equals(req.getParameter("active")) ? log.active()
                        : log.latest(limit(req.getParameter("limit"))));
            }
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, e.getMessage().contains(" is assigned to ") ? 409 : 400, e.getMessage());
        }
    }

    private void location(String name, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getMethod()) {
            case "PUT" -> {
                JsonNode body = object(req, "{\"address\": {\"country\": \"US\", ...}, \"elin\": ...}");
                JsonNode a = body.path("address");
                if (!a.isObject()) {
                    throw new IllegalArgumentException("Location " + name + " needs an address object");
                }
                boolean existed = locations.location(name).isPresent();
                Location saved = locations.save(new Location(name, new CivicAddress(field(a, "country"), field(a, "a1"),
                        field(a, "a3"), field(a, "rd"), field(a, "hno"), field(a, "hns"), field(a, "flr"), field(a, "room"),
                        field(a, "pc"), field(a, "loc"), field(a, "nam")), text(body, "elin"), text(body, "description")));
                JsonAnswers.write(resp, JSON, existed ? 200 : 201, saved);
            }
            case "DELETE" -> {
                if (locations.delete(name)) {
                    resp.setStatus(204);
                } else {
                    JsonAnswers.error(resp, JSON, 404, "No location " + name);
                }
            }
            default -> {
                var l = locations.location(name);
                if (l.isPresent()) {
                    JsonAnswers.write(resp, JSON, 200, l.get());
                } else {
                    JsonAnswers.error(resp, JSON, 404, "No location " + name);
                }
            }
        }
    }

    private void assignments(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getMethod()) {
            case "PUT" -> {
                JsonNode body = object(req, "{\"kind\": \"network\", \"key\": \"10.1.2.0/24\", \"location\": ...}");
                JsonAnswers.write(resp, JSON, 200, locations.assign(new Assignment(text(body, "kind"), text(body, "key"),
                        text(body, "location"))));
            }
            case "DELETE" -> {
                if (locations.unassign(req.getParameter("kind"), req.getParameter("key"))) {
                    resp.setStatus(204);
                } else {
                    JsonAnswers.error(resp, JSON, 404, "No assignment of " + req.getParameter("kind") + " "
                            + req.getParameter("key"));
                }
            }
            default -> JsonAnswers.write(resp, JSON, 200, locations.assignments());
        }
    }

    private void nomadic(String user, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body = object(req, "{\"nomadic\": true, \"confirmedLocation\": ...}");
        if (body.has("nomadic")) {
            locations.nomadic(user, body.path("nomadic").asBoolean());
        }
        if (body.has("confirmedLocation")) {
            locations.confirm(user, text(body, "confirmedLocation"));
        }
        JsonAnswers.write(resp, JSON, 200, Map.of("user", user, "nomadic", locations.nomadicUsers().stream()
                .anyMatch(n -> n.user().equals(user))));
    }

    private void locate(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("Name the caller: ?user=alice (and ?source=10.1.2.5 for its phone's address)");
        }
        String source = req.getParameter("source");
        InetAddress from;
        try {
            from = source == null || source.isBlank() ? locations.lastSource(user)
                    : source.matches("[0-9a-fA-F:.]+") ? InetAddress.getByName(source) : null;
        } catch (UnknownHostException e) {
            from = null;
        }
        if (source != null && !source.isBlank() && from == null) {
            throw new IllegalArgumentException("Invalid source '" + source + "': an IP address");
        }
        JsonAnswers.write(resp, JSON, 200, locations.locate(new EmergencyCaller(user,
                numbers.numberOf(user).orElse(null), from)));
    }

    private static JsonNode object(HttpServletRequest req, String example) throws IOException {
        JsonNode body = JSON.readTree(req.getInputStream());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("A JSON object: " + example);
        }
        return body;
    }

    /** @return an address field by its name, in lower case as the API writes it or in RFC 5139's upper case */
    private static String field(JsonNode address, String name) {
        String lower = text(address, name);
        return lower != null ? lower : text(address, name.toUpperCase(Locale.ROOT));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int limit(String text) {
        try {
            return text == null ? 50 : Math.max(1, Math.min(1000, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid limit '" + text + "': a number from 1 to 1000");
        }
    }
}
