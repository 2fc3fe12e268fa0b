package io.switchboard.clicktocall.core.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.sip.api.ActiveCall;
import io.switchboard.sip.api.CallControl;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Click-to-call for CRMs and in-house tools (operators, or a token with the scope {@code calls}):
 * <pre>
 * POST   /calls        {"from": "alice", "to": "+12125550100", "name": "Ada Lovelace"}: alice's phone rings
 *                      showing the number and name; once she answers, the number is called as hers (202, "callId")
 * GET    /calls/{id}   the call while it goes on (state setup: the user's phone or the number rings; early; answered)
 * DELETE /calls/{id}   hangs it up
 * </pre>
 * Its progress comes as the call events (and webhooks) of any call; its record says {@code clickToCall}.
 * A token reads and ends only the calls it placed ({@link CallOwners}).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/calls", "osgi.http.whiteboard.servlet.pattern=/calls/*" })
public class CallsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("POST /calls"), ApiRoute.of("GET /calls/{id}"),
            ApiRoute.of("DELETE /calls/{id}"));

    @Reference
    private transient CallControl calls;
    private final transient CallOwners owners = new CallOwners();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (JsonAnswers.refused(ROUTES, path, req, resp, JSON)) {
            return;
        }
        if (path.equals("/calls")) {
            place(req, resp);
            return;
        }
        String id = path.substring("/calls/".length());
        if ("DELETE".equals(req.getMethod())) {
            if (owners.mayReach(req, id) && calls.hangUp(id)) {
                owners.ended(id);
                JsonAnswers.write(resp, JSON, 200, Map.of("hungUp", id));
            } else {
                JsonAnswers.error(resp, JSON, 404, "No call " + id + " in progress");
            }
            return;
        }
        Optional<ActiveCall> call = calls.activeCalls().stream().filter(c -> c.id().equals(id))
                .filter(c -> owners.mayReach(req, id)).findFirst();
        if (call.isEmpty()) {
            JsonAnswers.error(resp, JSON, 404, "No call " + id + " in progress; an ended call is in the call records");
            return;
        }
        ActiveCall c = call.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", c.id());
        m.put("state", c.state());
        m.put("from", c.caller());
        m.put("to", c.callee());
        m.put("started", c.start().toString());
        m.put("answered", c.answer() == null ? null : c.answer().toString());
        JsonAnswers.write(resp, JSON, 200, m);
    }

    private void place(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(req.getInputStream());
        } catch (JacksonException e) {
            JsonAnswers.error(resp, JSON, 400, "Body is not JSON: " + e.getOriginalMessage());
            return;
        }
        String from = body == null ? null : body.path("from").asText(null);
        String to = body == null ? null : body.path("to").asText(null);
        if (from == null || to == null) {
            JsonAnswers.error(resp, JSON, 400, "Body must be {\"from\": \"alice\", \"to\": \"+12125550100\", "
                    + "\"name\": \"Ada Lovelace\" (optional)}");
            return;
        }
        try {
            String id = calls.connect(from.trim(), to.trim(), body.path("name").asText(null));
            owners.placed(id, req, calls.activeCalls());
            JsonAnswers.write(resp, JSON, 202, Map.of("callId", id));
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        }
    }
}
