package io.switchboard.forwarding.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.sip.api.forwarding.ForwardingRules;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Call forwarding in the management API.
 *
 * <pre>
 * GET    /forwarding/users            the users that forward something, with their rules
 * GET    /forwarding/users/{user}     {"user", "always", "busy", "noAnswer", "noAnswerSeconds", "unavailable",
 *                                     "callWaiting", "maxCalls", "schedule", "rejectAnonymous"} (with a schedule, "always" forwards
 *                                     only while it is closed)
 * PUT    /forwarding/users/{user}     the rules the body names change (null clears one); a destination the user's
 *                                     calls cannot reach is refused with 400 naming the rule and why
 * DELETE /forwarding/users/{user}     forwards nothing any more
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/forwarding/*" })
public class ForwardingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /forwarding/users",
            "GET /forwarding/users/{user}", "PUT /forwarding/users/{user}", "DELETE /forwarding/users/{user}")
            .map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    private static final List<String> FIELDS = List.of("always", "busy", "noAnswer", "noAnswerSeconds",
            "unavailable", "callWaiting", "maxCalls", "schedule", "rejectAnonymous");

    @Reference
    private transient ForwardingService forwarding;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/forwarding" + path, req, resp, JSON)) {
            return;
        }
        String[] parts = path.substring(1).split("/");
        try {
            if (parts.length == 1) {
                List<Map<String, Object>> out = new ArrayList<>();
                forwarding.all().forEach((user, rules) -> out.add(json(user, rules)));
                JsonAnswers.write(resp, JSON, 200, out);
                return;
            }
            String user = parts[1];
            switch (req.getMethod()) {
                case "PUT" -> JsonAnswers.write(resp, JSON, 200, json(user, forwarding.save(user,
                        merged(forwarding.of(user), JSON.readTree(req.getInputStream())))));
                case "DELETE" -> {
                    forwarding.save(user, ForwardingRules.NONE);
                    resp.setStatus(204);
                }
                default -> JsonAnswers.write(resp, JSON, 200, json(user, forwarding.of(user)));
            }
        } catch (NoSuchElementException e) {
            JsonAnswers.error(resp, JSON, 404, e.getMessage());
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        }
    }

    /** @return the rules with what the body names changed */
    static ForwardingRules merged(ForwardingRules before, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("A JSON object: {\"always\": ..., \"busy\": ..., \"noAnswer\": ..., "
                    + "\"noAnswerSeconds\": ..., \"unavailable\": ...}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("Unknown field " + name + ": one of " + FIELDS);
            }
        });
        JsonNode seconds = body.get("noAnswerSeconds");
        if (seconds != null && !seconds.isNull() && !seconds.isInt()) {
            throw new IllegalArgumentException("noAnswerSeconds: a whole number of seconds");
        }
        JsonNode waiting = body.get("callWaiting");
        if (waiting != null && !waiting.isBoolean()) {
            throw new IllegalArgumentException("callWaiting: true or false");
        }
        JsonNode anonymous = body.get("rejectAnonymous");
        if (anonymous != null && !anonymous.isBoolean()) {
            throw new IllegalArgumentException("rejectAnonymous: true or false");
        }
        JsonNode max = body.get("maxCalls");
        if (max != null && !max.isInt()) {
            throw new IllegalArgumentException("maxCalls: a whole number, 0 for no limit");
        }
        return new ForwardingRules(text(body, "always", before.always()), text(body, "busy", before.busy()),
                text(body, "noAnswer", before.noAnswer()),
                seconds == null ? before.noAnswerSeconds() : seconds.asInt(0),
                text(body, "unavailable", before.unavailable()),
                waiting == null ? before.callWaiting() : waiting.asBoolean(),
                max == null ? before.maxCalls() : max.asInt(), text(body, "schedule", before.schedule()),
                anonymous == null ? before.rejectAnonymous() : anonymous.asBoolean());
    }

    private static String text(JsonNode body, String field, String before) {
        JsonNode v = body.get(field);
        if (v == null) {
            return before;
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + ": a user, a number, \"voicemail\" or null");
        }
        return v.asText();
    }

    static Map<String, Object> json(String user, ForwardingRules r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("always", r.always());
        out.put("busy", r.busy());
        out.put("noAnswer", r.noAnswer());
        out.put("noAnswerSeconds", r.noAnswerSeconds());
        out.put("unavailable", r.unavailable());
        out.put("callWaiting", r.callWaiting());
        out.put("maxCalls", r.maxCalls());
        out.put("schedule", r.schedule());
        out.put("rejectAnonymous", r.rejectAnonymous());
        return out;
    }
}
