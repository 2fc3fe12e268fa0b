package io.switchboard.cluster.core.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.cluster.api.Cluster;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servers on the database in the management API.
 *
 * <pre>
 * GET /cluster/nodes   {"self": name, "nodes": [{"name", "version", "started", "seen", "alive", "lost",
 *                      "calls", "load", "processors"}]}
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/cluster/*" })
public class ClusterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("GET /cluster/nodes"));

    @Reference
    private transient Cluster cluster;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/cluster" + path, req, resp, ApiJson.MAPPER)) {
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("self", cluster.self());
        out.put("nodes", cluster.nodes());
        JsonAnswers.write(resp, ApiJson.MAPPER, 200, out);
    }
}
