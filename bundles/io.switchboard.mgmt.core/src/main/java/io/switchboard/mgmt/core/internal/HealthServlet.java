package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.store.api.Store;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/health}, open to all: UP (200) when the store answers and accounts are ready
 * (so the rest of the API can serve), DOWN (503) with the reason otherwise.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=" + ManagementApi.HEALTH_PATH })
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Store store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Accounts accounts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("store", storeStatus());
        checks.put("accounts", accounts != null ? "UP" : "DOWN: not ready (settings io.switchboard.mgmt, store)");
        boolean up = checks.values().stream().allMatch("UP"::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        Json.write(response, up ? 200 : 503, body);
    }

    private String storeStatus() {
        Store current = store;
        if (current == null) {
            return "DOWN: not started (see the server log)";
        }
        try (Connection c = current.dataSource().getConnection()) {
            return c.isValid(2) ? "UP" : "DOWN: connection not valid";
        } catch (Exception e) {
            return "DOWN: " + e.getMessage();
        }
    }
}
