package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.RequestBodies;
import io.switchboard.mgmt.api.Role;
import io.switchboard.mgmt.core.internal.AccountStore.Account;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The accounts of the API, for admins (the context refuses everyone else):
 * <pre>
 * GET    /accounts              every account: name, role, created, updated (never a hash)
 * GET    /accounts/{name}
 * PUT    /accounts/{name}       create ({"role", "password"}) or change (either)
 * DELETE /accounts/{name}       not one's own, not the last admin
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/accounts", "osgi.http.whiteboard.servlet.pattern=/accounts/*" })
public class AccountsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("GET /accounts"), ApiRoute.of("GET /accounts/{name}"),
            ApiRoute.of("PUT /accounts/{name}"), ApiRoute.of("DELETE /accounts/{name}"));

    @Reference
    private Accounts accounts;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (JsonAnswers.refused(ROUTES, path, req, resp, Json.MAPPER)) {
            return;
        }
        if (path.equals("/accounts")) {
            Json.write(resp, 200, accounts.accounts().stream().map(AccountsServlet::view).toList());
            return;
        }
        String name = path.substring("/accounts/".length());
        try {
            switch (req.getMethod()) {
                case "GET" -> found(resp, accounts.account(name), name);
                case "PUT" -> put(req, resp, name);
                default -> {
                    String me = (String) req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE);
                    if (accounts.delete(name, me)) {
                        Json.write(resp, 200, Map.of("deleted", name));
                    } else {
                        Json.error(resp, 404, "No account '" + name + "'");
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            RequestBodies.finish(req, resp);
            Json.error(resp, 400, e.getMessage());
        } catch (Accounts.Busy e) {
            resp.setHeader("Retry-After", "1");
            Json.error(resp, 503, "Too many password hashings at once; try again");
        }
    }

    private void put(HttpServletRequest req, HttpServletResponse resp, String name) throws IOException {
        JsonNode body = Json.object(req, resp, "{\"role\": \"admin|operator|viewer\", \"password\": \"...\"}");
        if (body == null) {
            return;
        }
        Role role = body.hasNonNull("role") ? Role.of(body.get("role").asText()) : null;
        String password = body.hasNonNull("password") ? body.get("password").asText() : null;
        Optional<Account> changed = accounts.change(name, role, password);
        if (changed.isPresent()) {
            Json.write(resp, 200, view(changed.get()));
        } else if (role == null) {
            Json.error(resp, 400, "A new account needs a role: admin, operator or viewer");
        } else {
            Json.write(resp, 201, view(accounts.create(name, role, password)));
        }
    }

    static Map<String, Object> view(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("role", a.role().id());
        m.put("created", a.created());
        m.put("updated", a.updated());
        return m;
    }

    private static void found(HttpServletResponse resp, Optional<Account> account, String name) throws IOException {
        if (account.isPresent()) {
            Json.write(resp, 200, view(account.get()));
        } else {
            Json.error(resp, 404, "No account '" + name + "'");
        }
    }
}
