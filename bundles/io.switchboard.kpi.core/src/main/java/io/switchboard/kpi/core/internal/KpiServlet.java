package io.switchboard.kpi.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.kpi.api.Dashboard;
import io.switchboard.kpi.api.KpiService;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.RequestBodies;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The KPI resources of the management API:
 * <pre>
 * GET  /kpi?scope=&amp;key=&amp;granularity=&amp;from=&amp;to=&amp;zone=&amp;limit=   series of buckets, with notes
 * GET  /kpi/status                                        zone, calls counted, rebuild running
 * POST /kpi/rebuild                                       rebuild the rollups from the records
 * GET  /kpi/dashboards                                    the caller's, the shared and the built-in dashboards
 * GET|PUT|DELETE /kpi/dashboards/{name}                   one of them; PUT and DELETE the caller's own
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/kpi", "osgi.http.whiteboard.servlet.pattern=/kpi/*" })
public class KpiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final ObjectMapper JSON = KpiJson.MAPPER;
    static final List<ApiRoute> ROUTES = Stream.of("GET /kpi", "GET /kpi/status", "POST /kpi/rebuild",
            "GET /kpi/dashboards", "GET /kpi/dashboards/{name}", "PUT /kpi/dashboards/{name}",
            "DELETE /kpi/dashboards/{name}")
            .map(ApiRoute::of).toList();

    @Reference
    private KpiService kpi;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        if (JsonAnswers.refused(ROUTES, "/kpi" + path, req, resp, JSON)) {
            return;
        }
        try {
            if (path.isEmpty()) {
                Map<String, String> params = new LinkedHashMap<>();
                req.getParameterMap().forEach((k, v) -> params.put(k, v[0]));
                write(resp, 200, kpi.query(QueryArgs.parse(params, ZoneId.of(kpi.status().zone()), Instant.now())));
            } else if (path.equals("/status")) {
                write(resp, 200, kpi.status());
            } else if (path.equals("/dashboards")) {
                write(resp, 200, kpi.dashboards(account(req)));
            } else if (path.startsWith("/dashboards/")) {
                dashboard(req, resp, path.substring("/dashboards/".length()));
            } else {
                RequestBodies.finish(req, resp);
                write(resp, 200, Map.of("counted", kpi.rebuild()));
            }
        } catch (IllegalArgumentException e) {
            error(resp, 400, e.getMessage());
        } catch (IllegalStateException e) {
            error(resp, 409, e.getMessage());
        }
    }

    private void dashboard(HttpServletRequest req, HttpServletResponse resp, String name) throws IOException {
        String account = account(req);
        switch (req.getMethod()) {
            case "GET" -> {
                var mine = kpi.dashboards(account).stream().filter(d -> d.name().equals(name))
                        .sorted(Comparator.comparing(d -> !d.owner().equals(account))).findFirst();
                if (mine.isPresent()) {
                    write(resp, 200, mine.get());
                } else {
                    error(resp, 404, "No dashboard '" + name + "'");
                }
            }
            case "PUT" -> {
                Dashboard body;
                try {
                    body = JSON.readValue(req.getInputStream(), Dashboard.class);
                } catch (JacksonException e) {
                    RequestBodies.finish(req, resp);
                    throw new IllegalArgumentException("Body is not a dashboard in JSON: " + e.getOriginalMessage());
                }
                write(resp, 200, kpi.saveDashboard(new Dashboard(name, account, body.shared(), body.range(),
                        body.zone(), body.refreshSeconds(), body.widgets(), null)));
            }
            default -> {
                RequestBodies.finish(req, resp);
                if (kpi.deleteDashboard(account, name)) {
                    write(resp, 200, Map.of("deleted", name));
                } else {
                    error(resp, 404, "No dashboard '" + name + "' of account " + account);
                }
            }
        }
    }

    private static String account(HttpServletRequest req) {
        Object name = req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE);
        return name == null ? "" : name.toString();
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        JsonAnswers.write(resp, JSON, status, body);
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        JsonAnswers.error(resp, JSON, status, message);
    }
}
