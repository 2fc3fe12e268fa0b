package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.RequestBodies;
import io.switchboard.mgmt.core.internal.TokenTable.Token;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The API tokens of integrations, for admins (the context refuses everyone else, and every token):
 * <pre>
 * GET    /tokens              every token: name, scopes, who made it, created, expires, last used (never the secret)
 * POST   /tokens              {"name", "scopes": [...], "expiresDays"}: 201 with the token, shown this once
 * GET    /tokens/scopes       the scopes there are, with what each opens
 * GET    /tokens/{name}
 * DELETE /tokens/{name}       the token stops at once
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/tokens", "osgi.http.whiteboard.servlet.pattern=/tokens/*" })
public class TokensServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("GET /tokens"), ApiRoute.of("POST /tokens"),
            ApiRoute.of("GET /tokens/scopes"), ApiRoute.of("GET /tokens/{name}"), ApiRoute.of("DELETE /tokens/{name}"));

    @Reference
    private ApiTokens tokens;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (JsonAnswers.refused(ROUTES, path, req, resp, Json.MAPPER)) {
            return;
        }
        try {
            if (path.equals("/tokens")) {
                if ("POST".equals(req.getMethod())) {
                    create(req, resp);
                } else {
                    Json.write(resp, 200, tokens.all().stream().map(TokensServlet::view).toList());
                }
            } else if (path.equals("/tokens/scopes")) {
                List<Map<String, Object>> scopes = new ArrayList<>();
                for (TokenScope s : TokenScope.values()) {
                    scopes.add(Map.of("scope", s.id(), "description", s.description(), "role", s.role().id()));
                }
                Json.write(resp, 200, scopes);
            } else {
                String name = path.substring("/tokens/".length());
                if ("DELETE".equals(req.getMethod()) ? tokens.delete(name) : tokens.find(name).isPresent()) {
                    Json.write(resp, 200, "DELETE".equals(req.getMethod()) ? Map.of("deleted", name)
                            : view(tokens.find(name).orElseThrow()));
                } else {
                    Json.error(resp, 404, "No token '" + name + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            RequestBodies.finish(req, resp);
            Json.error(resp, 400, e.getMessage());
        }
    }

    private void create(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body = Json.object(req, resp, "{\"name\": \"crm\", \"scopes\": [\"cdr:read\", ...], "
                + "\"expiresDays\": 365 (optional)}");
        if (body == null) {
            return;
        }
        if (!body.path("scopes").isArray()) {
            Json.error(resp, 400, "scopes must be a list: [\"cdr:read\", ...]");
            return;
        }
        String name = body.path("name").asText(null);
        if ("scopes".equals(name)) {
            throw new IllegalArgumentException("'scopes' names the list of scopes; choose another token name");
        }
        List<TokenScope> scopes = new ArrayList<>();
        body.path("scopes").forEach(s -> scopes.add(TokenScope.of(s.asText())));
        Integer days = body.hasNonNull("expiresDays") ? body.get("expiresDays").asInt(0) : null;
        ApiTokens.Issued issued = tokens.create(name, scopes, days,
                (String) req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE));
        Map<String, Object> answer = view(issued.token());
        answer.put("token", issued.value());
        resp.setHeader("Cache-Control", "no-store");
        Json.write(resp, 201, answer);
    }

    static Map<String, Object> view(Token t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("scopes", t.scopes().stream().map(TokenScope::id).toList());
        m.put("role", ApiTokens.role(t).id());
        m.put("createdBy", t.createdBy());
        m.put("created", t.created());
        m.put("expires", t.expires());
        m.put("lastUsed", t.lastUsed());
        m.put("lastAddress", t.lastAddress());
        return m;
    }
}
