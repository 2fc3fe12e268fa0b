package io.switchboard.sip.admin.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.JsonFields;
import io.switchboard.sip.api.admin.SwitchAdmin;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.routing.RoutingEngine;
import io.switchboard.store.api.StaleVersionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /sip/users}: a user and what it may call are one object with one version, its ETag; a change made
 * against another version than the stored one is refused with 412 and nothing of it written.
 */
final class UsersApi {

    private final UserService users;
    private final SwitchAdmin sip;
    private final RoutingEngine routing;

    UsersApi(UserService users, SwitchAdmin sip, RoutingEngine routing) {
        this.users = users;
        this.sip = sip;
        this.routing = routing;
    }

    void serve(HttpServletRequest req, HttpServletResponse resp, String method, String path) throws IOException {
        if (method.equals("GET") && path.equals("/users")) {
            SipServlet.write(resp, 200, users.users().stream().map(this::view).toList());
            return;
        }
        String name = path.startsWith("/users/") ? path.substring("/users/".length()) : "";
        if (method.equals("GET") && !name.isEmpty()) {
            Optional<SipUser> user = users.user(name); // one read: the ETag is the body's version
            if (user.isEmpty()) {
                error(resp, 404, "No SIP user '" + name + "'");
                return;
            }
            resp.setHeader("ETag", "\"" + user.get().version() + "\"");
            SipServlet.write(resp, 200, view(user.get()));
        } else if (method.equals("PUT") && !name.isEmpty()) {
            put(req, resp, name);
        } else if (method.equals("DELETE") && !name.isEmpty()) {
            sip.unregisterAll(name);
            if (users.delete(name)) {
                SipServlet.write(resp, 200, Map.of("deleted", name));
            } else {
                error(resp, 404, "No SIP user '" + name + "'");
            }
        } else {
            error(resp, 405, method + " not allowed on /sip" + path);
        }
    }

    private void put(HttpServletRequest req, HttpServletResponse resp, String name) throws IOException {
        JsonNode body = SipServlet.JSON.readTree(req.getInputStream());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("Body must be a JSON object with displayName, password, enabled");
        }
        long expected = JsonFields.expectedVersion(req, body);
        Optional<SipUser> old = users.user(name);
        List<String> algorithms = body.has("algorithms") ? ProvisioningJson.strings(body, "algorithms")
                : old.map(SipUser::algorithms).orElse(null);
        // a bad value refused before anything is saved; fields the body leaves out keep their stored values
        CallingPolicy policy = ProvisioningJson.hasPolicy(body) ? ProvisioningJson.policy(body,
                users.policy(name).orElse(CallingPolicy.DEFAULTS)) : null;
        try {
            SipUser saved = users.save(new SipUser(name, ProvisioningJson.text(body, "displayName"),
                    !body.has("enabled") || body.get("enabled").asBoolean(true), null, algorithms),
                    ProvisioningJson.text(body, "password"), policy, expected);
            resp.setHeader("ETag", "\"" + saved.version() + "\"");
            SipServlet.write(resp, old.isPresent() ? 200 : 201, view(saved));
        } catch (StaleVersionException e) {
            resp.setHeader("ETag", "\"" + e.stored() + "\"");
            error(resp, 412, e.getMessage() + "; read it again and make the change on that");
        }
    }

    private Map<String, Object> view(SipUser user) {
        return ProvisioningJson.user(user, users.policy(user.username()).orElse(CallingPolicy.DEFAULTS),
                routing.policyOf(user.username()));
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        JsonAnswers.error(resp, SipServlet.JSON, status, message);
    }
}
