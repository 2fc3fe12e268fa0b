package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.Role;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/account}: who am I; {@code PUT /api/v1/account/password} with
 * {@code {"password": "..."}}: change my password.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/account", "osgi.http.whiteboard.servlet.pattern=/account/password" })
public class AccountServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    @Reference
    private Accounts accounts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/account".equals(request.getServletPath())) {
            response.setHeader("Allow", "PUT");
            Json.error(response, 405, "Use PUT to change the password");
            return;
        }
        String user = (String) request.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", user);
        Role role = (Role) request.getAttribute(ManagementApi.ROLE_ATTRIBUTE);
        body.put("role", role == null ? "" : role.id());
        Json.write(response, 200, body);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/account/password".equals(request.getServletPath())) {
            response.setHeader("Allow", "GET");
            response.setHeader("Connection", "close"); // the body was not read: Jetty closes the connection
            Json.error(response, 405, "Only /account/password can be changed");
            return;
        }
        String user = (String) request.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE);
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.getInputStream());
        } catch (JacksonException e) {
            Json.error(response, 400, "Body is not JSON: " + e.getOriginalMessage());
            return;
        }
        JsonNode password = body == null ? null : body.get("password");
        if (password == null || !password.isTextual()) {
            Json.error(response, 400, "Body must be {\"password\": \"...\"}");
            return;
        }
        try {
            accounts.setPassword(user, password.asText());
        } catch (IllegalArgumentException e) {
            Json.error(response, 400, e.getMessage());
            return;
        }
        Json.write(response, 200, Map.of("name", user, "changed", true));
    }
}
