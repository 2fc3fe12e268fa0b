package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/audit[?account=&since=&limit=]}: the changes made through the API, newest
 * first (at most {@code limit}, 100 unless told, 1000 at most), for admins only.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/audit" })
public class AuditServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    @Reference
    private AuditLog log;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant since;
        int limit;
        try {
            String s = request.getParameter("since");
            since = s == null || s.isBlank() ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            Json.error(response, 400, "Invalid since '" + request.getParameter("since")
                    + "': an instant such as 2026-11-24T08:00:00Z");
            return;
        }
        try {
            String l = request.getParameter("limit");
            limit = l == null ? 100 : Integer.parseInt(l);
            if (limit < 1 || limit > 1000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            Json.error(response, 400, "Invalid limit '" + request.getParameter("limit") + "': 1 to 1000");
            return;
        }
        String account = request.getParameter("account");
        List<Map<String, Object>> entries = log.entries(account == null || account.isBlank() ? null : account, since,
                limit).stream().map(AuditServlet::view).toList();
        Json.write(response, 200, entries);
    }

    private static Map<String, Object> view(AuditLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("account", e.account());
        m.put("role", e.role());
        m.put("address", e.address());
        m.put("method", e.method());
        m.put("path", e.path());
        m.put("status", e.status());
        m.put("before", tree(e.before()));
        m.put("after", tree(e.after()));
        return m;
    }

    private static Object tree(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return json; // stored as text that is not JSON: shown as it is
        }
    }
}
