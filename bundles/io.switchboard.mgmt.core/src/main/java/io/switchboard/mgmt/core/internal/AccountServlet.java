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
 * {@code {"current": "...", "password": "..."}}: change my password, knowing the one it replaces.
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
        JsonNode current = body == null ? null : body.get("current");
        if (password == null || !password.isTextual() || current == null || !current.isTextual()) {
            Json.error(response, 400, "Body must be {\"current\": \"the password now\", \"password\": \"the new one\"}");
            return;
        }
        try {
            // whoever holds a session's credentials a moment must not be able to keep the account for good
            if (!accounts.isPassword(user, current.asText())) {
                Json.error(response, 403, "The current password is wrong");
                return;
            }
            accounts.setPassword(user, password.asText());
        } catch (Accounts.Busy e) {
            response.setHeader("Retry-After", "1");
            Json.error(response, 503, "Too many logins at once; try again");
            return;
        } catch (IllegalArgumentException e) {
            Json.error(response, 400, e.getMessage());
            return;
        }
        Json.write(response, 200, Map.of("name", user, "changed", true));
    }
}
