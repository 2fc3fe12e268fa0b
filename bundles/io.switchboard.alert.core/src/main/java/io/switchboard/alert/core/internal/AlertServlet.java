package io.switchboard.alert.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JacksonException;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.AlertService;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.RequestBodies;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The alert resources of the management API:
 * <pre>
 * GET  /alerts                              the alerts firing now
 * GET  /alerts/history?from=&amp;to=&amp;limit=     alerts that fired in a window, newest first
 * POST /alerts/evaluate                     evaluate the rules now
 * GET  /alerts/notifiers                    the notifiers installed, by the names rules use
 * GET  /alerts/rules                        every rule, with where it is defined
 * GET|PUT|DELETE /alerts/rules/{name}       one rule of the API (rules of .cfg files are read-only)
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/alerts", "osgi.http.whiteboard.servlet.pattern=/alerts/*" })
public class AlertServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /alerts", "GET /alerts/history",
            "POST /alerts/evaluate", "GET /alerts/notifiers", "GET /alerts/rules", "GET /alerts/rules/{name}", "PUT /alerts/rules/{name}",
            "DELETE /alerts/rules/{name}").map(ApiRoute::of).toList();

    @Reference
    private AlertService alerts;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        if (JsonAnswers.refused(ROUTES, "/alerts" + path, req, resp, Json.MAPPER)) {
            return;
        }
        try {
            if (path.isEmpty()) {
                write(resp, 200, alerts.firing());
            } else if (path.equals("/history")) {
                Instant to = time(req, "to", Instant.now());
                Instant from = time(req, "from", to.minus(7, ChronoUnit.DAYS));
                String limit = req.getParameter("limit");
                write(resp, 200, alerts.history(from, to, limit == null ? 100 : Math.max(1, Math.min(10_000,
                        Integer.parseInt(limit.trim())))));
            } else if (path.equals("/evaluate")) {
                RequestBodies.finish(req, resp);
                write(resp, 200, alerts.evaluate());
            } else if (path.equals("/notifiers")) {
                write(resp, 200, alerts.notifiers());
            } else if (path.equals("/rules")) {
                write(resp, 200, alerts.rules());
            } else {
                rule(req, resp, path.substring("/rules/".length()), method);
            }
        } catch (JacksonException e) {
            RequestBodies.finish(req, resp);
            error(resp, 400, "Body is not an alert rule in JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            error(resp, 400, "limit must be a whole number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            RequestBodies.finish(req, resp);
            error(resp, 400, e.getMessage());
        }
    }

    private void rule(HttpServletRequest req, HttpServletResponse resp, String name, String method) throws IOException {
        switch (method) {
            case "GET" -> {
                var rule = alerts.rule(name);
                if (rule.isPresent()) {
                    write(resp, 200, rule.get());
                } else {
                    error(resp, 404, "No alert rule '" + name + "'");
                }
            }
            case "PUT" -> {
                AlertRule body = Json.MAPPER.readValue(req.getInputStream(), AlertRule.class);
                if (body.kind() == null) {
                    throw new IllegalArgumentException("The rule needs a kind: threshold, baseline, trunk-down, "
                            + "registration-storm or toll-fraud");
                }
                write(resp, 200, alerts.saveRule(new AlertRule(name, body.kind(), body.kpi(), body.scope(),
                        body.key(), body.below(), body.threshold(), body.baselineWeeks(), body.windowMinutes(),
                        body.minAttempts(), body.holdSeconds(), body.cooldownSeconds(), body.severity(),
                        body.notifiers(), body.enabled(), null)));
            }
            default -> {
                if (alerts.deleteRule(name)) {
                    write(resp, 200, Map.of("deleted", name));
                } else {
                    error(resp, 404, "No alert rule '" + name + "' made through the API");
                }
            }
        }
    }

    private static Instant time(HttpServletRequest req, String name, Instant fallback) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not an instant such as 2026-11-20T08:00:00Z");
        }
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        JsonAnswers.write(resp, Json.MAPPER, status, body);
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        JsonAnswers.error(resp, Json.MAPPER, status, message);
    }
}
