package io.switchboard.sip.admin.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.emergency.api.EmergencyLocations;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.JsonFields;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.RequestBodies;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.SipGuard;
import io.switchboard.sip.api.admin.SwitchAdmin;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.PhoneNumber;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteService;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.api.provisioning.TrunkService;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.routing.RoutingEngine;
import io.switchboard.store.api.StaleVersionException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The softswitch resources of the management API:
 * <pre>
 * GET    /sip/status                       listening points, counters, calls
 * GET    /sip/users                        users (never a password or hash)
 * GET    /sip/users/{name}                 one of them, its version the ETag; so are the trunks, numbers and routes
 * PUT    /sip/users/{name}                 create or change (If-Match, 412): {"displayName", "password",
 *                                          "enabled", "algorithms", "callClass", "maxCalls", "callsPerMinute",
 *                                          "mediaEncryption", "callerIdNumber", "callerIdName", "withholdCallerId"}
 * DELETE /sip/users/{name}                 remove a user and its registrations
 * GET    /sip/registrations[?user=]        live bindings
 * DELETE /sip/registrations/{name}         unregister every contact of a user
 * GET    /sip/calls                        active calls
 * DELETE /sip/calls/{id}                   hang up one call
 * GET    /sip/trunks                       trunks with live state (never a password)
 * PUT    /sip/trunks/{name}                create or replace a trunk
 * DELETE /sip/trunks/{name}
 * GET    /sip/numbers[?format=csv]         the number inventory (?state=, ?carrier= to filter)
 * GET    /sip/numbers/report               numbers per state, carrier and type, monthly cost, those without an
 *                                           emergency address
 * PUT    /sip/numbers/{number}             create or replace a number (If-Match, 412 as a trunk)
 * DELETE /sip/numbers/{number}
 * POST   /sip/numbers/import               CSV body; good lines saved, bad ones reported by line
 * GET    /sip/routes                       outbound routes in the order they are tried
 * PUT    /sip/routes/{name}                create or replace a route
 * DELETE /sip/routes/{name}
 * GET    /sip/routes/versions              every version of the route table, newest first
 * GET    /sip/routes/versions/{n}          the route table of version n
 * POST   /sip/routes/versions/{n}/rollback puts version n back, as a new version
 * GET    /sip/routes/diff?from=&amp;to=        what changed between two versions, route by route
 * POST   /sip/routes/compare               sample numbers replayed against two versions side by side
 * GET    /sip/simulate?caller=&amp;number=&amp;time=   which route, trunks and dialled string, and why
 * GET    /sip/lockouts                     source addresses and users locked out now, and the trusted networks
 * DELETE /sip/lockouts/{kind}/{key}        lifts one (kind source, user or flood)
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/sip/*" })
public class SipServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private SwitchAdmin sip;
    @Reference
    private CallControl calls;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EmergencyLocations emergencyLocations;
    @Reference
    private UserService users;
    @Reference
    private TrunkService trunkTable;
    @Reference
    private NumberService numberTable;
    @Reference
    private RouteService routeTable;
    @Reference
    private RoutingEngine routing;
    @Reference
    private SipGuard guard;

    /** What this resource answers, as docs/openapi.yaml writes it (ApiDocumentationIT holds the two together). */
    static final List<ApiRoute> ROUTES = Stream.of("GET /sip/status", "GET /sip/users",
            "GET /sip/users/{name}", "PUT /sip/users/{name}", "DELETE /sip/users/{name}", "GET /sip/registrations",
            "DELETE /sip/registrations/{name}", "GET /sip/calls", "DELETE /sip/calls/{id}", "GET /sip/trunks",
            "GET /sip/trunks/{name}", "PUT /sip/trunks/{name}", "DELETE /sip/trunks/{name}", "GET /sip/numbers", "POST /sip/numbers/import",
            "GET /sip/numbers/report",
            "GET /sip/numbers/{number}", "PUT /sip/numbers/{number}", "DELETE /sip/numbers/{number}", "GET /sip/routes", "GET /sip/routes/{name}", "PUT /sip/routes/{name}",
            "DELETE /sip/routes/{name}", "GET /sip/routes/versions", "GET /sip/routes/versions/{version}",
            "POST /sip/routes/versions/{version}/rollback", "GET /sip/routes/diff", "POST /sip/routes/compare",
            "GET /sip/simulate", "GET /sip/lockouts", "DELETE /sip/lockouts/{kind}/{key}").map(ApiRoute::of).toList();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        if (JsonAnswers.refused(ROUTES, "/sip" + path, req, resp, JSON)) {
            return;
        }
        try {
            if (method.equals("GET") && path.equals("/status")) {
                write(resp, 200, sip.status());
            } else if (path.equals("/users") || path.startsWith("/users/")) {
                new UsersApi(users, sip, routing).serve(req, resp, method, path);
            } else if (method.equals("GET") && path.equals("/registrations")) {
                String user = req.getParameter("user");
                write(resp, 200, sip.bindings(user));
            } else if (method.equals("DELETE") && path.startsWith("/registrations/")) {
                String name = name(path, "/registrations/");
                write(resp, 200, Map.of("user", name, "removed", sip.unregisterAll(name)));
            } else if (method.equals("GET") && path.equals("/calls")) {
                write(resp, 200, sip.calls());
            } else if (method.equals("DELETE") && path.startsWith("/calls/")) {
                String id = name(path, "/calls/");
                if (calls.hangUp(id)) {
                    write(resp, 200, Map.of("hungUp", id));
                } else {
                    error(resp, 404, "No active call " + id);
                }
            } else if (path.equals("/trunks") || path.startsWith("/trunks/")) {
                trunks(req, resp, method, path);
            } else if (path.equals("/numbers") || path.startsWith("/numbers/")) {
                numbers(req, resp, method, path);
            } else if (path.equals("/routes") || path.startsWith("/routes/")) {
                routes(req, resp, method, path);
            } else if (method.equals("GET") && path.equals("/lockouts")) {
                write(resp, 200, Map.of("lockouts", guard.lockouts(), "trustedNetworks", guard.trustedNetworks(),
                        "droppedFromLockedOut", sip.droppedFromLockedOut()));
            } else if (method.equals("DELETE") && path.startsWith("/lockouts/")) {
                String[] kindKey = name(path, "/lockouts/").split("/", 2);
                if (kindKey.length == 2 && guard.lift(kindKey[0], kindKey[1])) {
                    write(resp, 200, Map.of("lifted", kindKey[1], "kind", kindKey[0]));
                } else {
                    error(resp, 404, "No " + kindKey[0] + " lockout of '" + (kindKey.length == 2 ? kindKey[1] : "")
                            + "' in force");
                }
            } else if (method.equals("GET") && path.equals("/simulate")) {
                write(resp, 200, RouteSimulator.simulate(routing, req.getParameter("caller"), req.getParameter("trunk"),
                        req.getParameter("number"), req.getParameter("time"), sip::path));
            } else {
                error(resp, 404, "No resource " + method + " " + req.getRequestURI());
            }
        } catch (JacksonException e) {
            RequestBodies.finish(req, resp);
            error(resp, 400, "Body is not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            RequestBodies.finish(req, resp);
            error(resp, 400, e.getMessage());
        }
    }

    private void trunks(HttpServletRequest req, HttpServletResponse resp, String method, String path)
            throws IOException {
        TrunkService p = trunkTable;
        if (method.equals("GET") && path.equals("/trunks")) {
            TrunkWarnings warnings = new TrunkWarnings(() -> sip.bindings(null)); // phones read once, if at all
            write(resp, 200, sip.trunks().stream().map(live -> {
                Map<String, Object> m = new LinkedHashMap<>();
                Optional<Trunk> trunk = p.trunk((String) live.get("name"));
                m.put("trunk", trunk.orElse(null));
                m.put("live", live);
                m.put("warnings", trunk.map(warnings::of).orElse(List.of()));
                return m;
            }).toList());
            return;
        }
        String name = name(path, "/trunks/");
        if (method.equals("GET")) {
            Optional<Trunk> trunk = p.trunk(name); // one read: the ETag is the body's version
            trunk.ifPresent(t -> resp.setHeader("ETag", "\"" + t.version() + "\""));
            found(resp, trunk.map(t -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("trunk", t);
                m.put("live", sip.trunks().stream().filter(l -> name.equals(l.get("name"))).findFirst()
                        .orElse(null));
                m.put("warnings", new TrunkWarnings(() -> sip.bindings(null)).of(t));
                return m;
            }), "trunk", name);
        } else if (method.equals("PUT")) {
            JsonNode b = body(req);
            boolean exists = p.trunk(name).isPresent();
            try {
                Trunk saved = p.save(ProvisioningJson.trunk(name, b), text(b, "password"),
                        JsonFields.expectedVersion(req, b));
                resp.setHeader("ETag", "\"" + saved.version() + "\"");
                TrunkWarnings.headers(resp, new TrunkWarnings(() -> sip.bindings(null)).of(saved));
                write(resp, exists ? 200 : 201, saved);
            } catch (StaleVersionException e) {
                resp.setHeader("ETag", "\"" + e.stored() + "\"");
                error(resp, 412, e.getMessage() + "; read it again and make the change on that");
            }
        } else if (method.equals("DELETE")) {
            deleted(resp, p.delete(name), "trunk", name);
        } else {
            error(resp, 405, method + " not allowed on " + path);
        }
    }

    private void numbers(HttpServletRequest req, HttpServletResponse resp, String method, String path)
            throws IOException {
        NumberService p = numberTable;
        if (method.equals("GET") && path.equals("/numbers")) {
            List<PhoneNumber> numbers = NumberViews.filtered(p.numbers(), req.getParameter("state"),
                    req.getParameter("carrier"));
            if ("csv".equals(req.getParameter("format"))) {
                resp.setStatus(200);
                resp.setContentType("text/csv; charset=UTF-8");
                resp.setHeader("Content-Disposition", "attachment; filename=\"numbers.csv\"");
                NumbersCsv.write(numbers, resp.getWriter());
            } else {
                Map<String, String> located = NumberViews.locations(emergencyLocations);
                write(resp, 200, numbers.stream().map(n -> NumberViews.json(routing, n, located)).toList());
            }
        } else if (method.equals("GET") && path.equals("/numbers/report")) {
            write(resp, 200, NumbersReport.of(p.numbers(), routing::describe,
                    NumberViews.locations(emergencyLocations).keySet()));
        } else if (method.equals("POST") && path.equals("/numbers/import")) {
            write(resp, 200, NumbersCsv.read(new InputStreamReader(req.getInputStream(), StandardCharsets.UTF_8),
                    routing::e164, routing::destinationProblem, p));
        } else if (method.equals("GET") && path.startsWith("/numbers/")) {
            String raw = name(path, "/numbers/");
            String number = routing.e164(raw);
            Optional<PhoneNumber> found = number == null ? Optional.empty() : p.number(number);
            found.ifPresent(n -> resp.setHeader("ETag", "\"" + n.version() + "\"")); // one read: the body's version
            found(resp, found.map(n -> NumberViews.json(routing, n, NumberViews.locations(emergencyLocations))),
                    "number", raw);
        } else if (method.equals("PUT") && path.startsWith("/numbers/")) {
            String raw = name(path, "/numbers/");
            String number = routing.e164(raw);
            if (number == null) {
                throw new IllegalArgumentException("Invalid number '" + raw + "': not a telephone number");
            }
            Optional<PhoneNumber> stored = p.number(number);
            JsonNode b = body(req);
            PhoneNumber did = ProvisioningJson.number(number, b, stored.map(PhoneNumber::lifecycle).orElse(null));
            ProvisioningJson.check(did, routing);
            try {
                PhoneNumber saved = p.save(did, JsonFields.expectedVersion(req, b));
                resp.setHeader("ETag", "\"" + saved.version() + "\"");
                write(resp, stored.isPresent() ? 200 : 201, NumberViews.json(routing, saved,
                        NumberViews.locations(emergencyLocations)));
            } catch (StaleVersionException e) {
                resp.setHeader("ETag", "\"" + e.stored() + "\"");
                error(resp, 412, e.getMessage() + "; read it again and make the change on that");
            }
        } else if (method.equals("DELETE") && path.startsWith("/numbers/")) {
            String raw = name(path, "/numbers/");
            String number = routing.e164(raw);
            try {
                deleted(resp, number != null && p.delete(number), "number", raw);
            } catch (IllegalArgumentException inService) {
                error(resp, 409, inService.getMessage());
            }
        } else {
            error(resp, 405, method + " not allowed on " + path);
        }
    }

    private void routes(HttpServletRequest req, HttpServletResponse resp, String method, String path)
            throws IOException {
        RouteService p = routeTable;
        if (method.equals("GET") && path.equals("/routes")) {
            write(resp, 200, p.routes().stream().map(r -> RouteTags.withTag(JSON, r)).toList());
            return;
        }
        if (history(req, resp, method, path)) {
            return;
        }
        String name = name(path, "/routes/");
        if (method.equals("GET")) {
            Optional<Route> route = p.route(name);
            route.ifPresent(r -> resp.setHeader("ETag", RouteTags.tag(r)));
            found(resp, route, "route", name);
        } else if (method.equals("PUT")) {
            JsonNode b = body(req);
            boolean exists = p.route(name).isPresent();
            Route route = ProvisioningJson.route(name, b);
            String author = (String) req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE);
            try {
                Route saved = RouteTags.conditional(req, b) ? p.save(route, author, RouteTags.check(req, b))
                        : p.save(route, author);
                resp.setHeader("ETag", RouteTags.tag(saved));
                write(resp, exists ? 200 : 201, RouteTags.withTag(JSON, saved));
            } catch (StaleVersionException e) {
                Optional<Route> stored = p.route(name);
                stored.ifPresent(r -> resp.setHeader("ETag", RouteTags.tag(r)));
                error(resp, 412, (RouteTags.createOnly(req, b) && stored.isPresent() ? "Route " + name
                        + " exists already" : e.getMessage()) + "; read it again and make the change on that");
            }
        } else if (method.equals("DELETE")) {
            deleted(resp, p.delete(name, (String) req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE)), "route", name);
        } else {
            error(resp, 405, method + " not allowed on " + path);
        }
    }

    /** The route table's versions, diff, rollback and replay; false when the path is none of them. */
    private boolean history(HttpServletRequest req, HttpServletResponse resp, String method, String path)
            throws IOException {
        RouteHistory history = new RouteHistory(routeTable, routing);
        String author = (String) req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE);
        if (method.equals("GET") && path.equals("/routes/versions")) {
            write(resp, 200, routeTable.versions());
        } else if (method.equals("GET") && path.startsWith("/routes/versions/")) {
            write(resp, 200, history.version(RouteHistory.version(name(path, "/routes/versions/"), "version")));
        } else if (method.equals("POST") && path.startsWith("/routes/versions/") && path.endsWith("/rollback")) {
            RequestBodies.finish(req, resp);
            String v = path.substring("/routes/versions/".length(), path.length() - "/rollback".length());
            write(resp, 200, routeTable.rollback(RouteHistory.version(v, "version"), author));
        } else if (method.equals("GET") && path.equals("/routes/diff")) {
            write(resp, 200, routeTable.diff(RouteHistory.version(req.getParameter("from"), "from"),
                    RouteHistory.version(req.getParameter("to"), "to")));
        } else if (method.equals("POST") && path.equals("/routes/compare")) {
            write(resp, 200, history.compare(body(req)));
        } else {
            return false;
        }
        return true;
    }

    private static JsonNode body(HttpServletRequest req) throws IOException {
        JsonNode body = JSON.readTree(req.getInputStream());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("Body must be a JSON object");
        }
        return body;
    }

    private static void found(HttpServletResponse resp, Optional<?> found, String what, String name)
            throws IOException {
        if (found.isPresent()) {
            write(resp, 200, found.get());
        } else {
            error(resp, 404, "No " + what + " '" + name + "'");
        }
    }

    private static void deleted(HttpServletResponse resp, boolean deleted, String what, String name) throws IOException {
        if (deleted) {
            write(resp, 200, Map.of("deleted", name));
        } else {
            error(resp, 404, "No " + what + " '" + name + "'");
        }
    }

    private static String text(JsonNode body, String field) {
        return ProvisioningJson.text(body, field);
    }

    /** The container has decoded the path already: decoding it again made %2B44... a number of +1 44... */
    private static String name(String path, String prefix) {
        return path.substring(prefix.length());
    }

    static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        JsonAnswers.write(resp, JSON, status, body);
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        JsonAnswers.error(resp, JSON, status, message);
    }
}
