package io.switchboard.kpi.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiService;
import io.switchboard.kpi.api.Scope;
import io.switchboard.mgmt.api.ApiRoute;
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
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/kpi", "osgi.http.whiteboard.servlet.pattern=/kpi/*" })
public class KpiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Scopes and granularities as the query parameters write them: trunk, 1h. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addSerializer(Scope.class, new ToStringSerializerBase(Scope.class) {
                private static final long serialVersionUID = 1L;

                @Override
                public String valueToString(Object value) {
                    return ((Scope) value).id();
                }
            }).addSerializer(Granularity.class, new ToStringSerializerBase(Granularity.class) {
                private static final long serialVersionUID = 1L;

                @Override
                public String valueToString(Object value) {
                    return ((Granularity) value).id();
                }
            })).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final List<ApiRoute> ROUTES = java.util.stream.Stream.of("GET /kpi", "GET /kpi/status", "POST /kpi/rebuild")
            .map(ApiRoute::of).toList();

    @Reference
    private KpiService kpi;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        ApiRoute.Refusal refusal = ApiRoute.check(ROUTES, "/kpi" + path, method);
        if (refusal != null) {
            resp.setHeader("Allow", refusal.allow());
            resp.setHeader("Connection", "close");
            error(resp, refusal.status(), refusal.message());
            return;
        }
        try {
            if (path.isEmpty()) {
                Map<String, String> params = new LinkedHashMap<>();
                req.getParameterMap().forEach((k, v) -> params.put(k, v[0]));
                write(resp, 200, kpi.query(QueryArgs.parse(params, ZoneId.of(kpi.status().zone()), Instant.now())));
            } else if (path.equals("/status")) {
                write(resp, 200, kpi.status());
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

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(ManagementApi.JSON);
        resp.setCharacterEncoding("UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        write(resp, status, body);
    }
}
