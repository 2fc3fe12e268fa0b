package io.switchboard.webhook.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.webhook.api.Delivery;
import io.switchboard.webhook.api.WebhookEvents;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Webhooks in the management API; everything under {@code /webhooks} is an admin's, since a
 * subscription sends call data out of the company.
 *
 * <pre>
 * GET    /webhooks/subscriptions                 every subscription (never its secret: secretSet says whether it has one)
 * GET    /webhooks/subscriptions/{id}            one, with its delivery counts
 * PUT    /webhooks/subscriptions/{id}            {"url", "events": ["call.ended", ...] or ["*"], "secret", "active", "description"}
 * DELETE /webhooks/subscriptions/{id}            with its deliveries
 * POST   /webhooks/subscriptions/{id}/ping       queues a ping: 202 with the delivery
 * GET    /webhooks/deliveries?subscription=&state=&limit=   the latest, newest first
 * GET    /webhooks/deliveries/{id}               one, with its body
 * POST   /webhooks/deliveries/{id}/resend        queued again from now
 * GET    /webhooks/events                        the events a subscription can name
 * GET    /webhooks/status                        events waiting, dropped, deliveries by state
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/webhooks/*" })
public class WebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /webhooks/subscriptions",
            "GET /webhooks/subscriptions/{id}", "PUT /webhooks/subscriptions/{id}", "DELETE /webhooks/subscriptions/{id}",
            "POST /webhooks/subscriptions/{id}/ping", "GET /webhooks/deliveries", "GET /webhooks/deliveries/{id}",
            "POST /webhooks/deliveries/{id}/resend", "GET /webhooks/events", "GET /webhooks/status")
            .map(ApiRoute::of).toList();

    @Reference
    private transient WebhookService webhooks;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/webhooks" + path, req, resp, WebhookService.JSON)) {
            return;
        }
        String[] parts = path.substring(1).split("/");
        try {
            switch (parts[0]) {
                case "subscriptions" -> subscriptions(parts, req, resp);
                case "deliveries" -> deliveries(parts, req, resp);
                case "status" -> JsonAnswers.write(resp, WebhookService.JSON, 200, webhooks.status());
                default -> JsonAnswers.write(resp, WebhookService.JSON, 200, WebhookEvents.ALL);
            }
        } catch (JsonProcessingException e) {
            JsonAnswers.error(resp, WebhookService.JSON, 400, "Not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, WebhookService.JSON, 400, e.getMessage());
        }
    }

    private void subscriptions(String[] parts, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (parts.length == 1) {
            JsonAnswers.write(resp, WebhookService.JSON, 200, webhooks.subscriptions());
            return;
        }
        String id = parts[1];
        if (parts.length == 3) {
            if (webhooks.subscription(id).isEmpty()) {
                JsonAnswers.error(resp, WebhookService.JSON, 404, "No subscription " + id);
            } else {
                JsonAnswers.write(resp, WebhookService.JSON, 202, webhooks.ping(id));
            }
            return;
        }
        switch (req.getMethod()) {
            case "PUT" -> {
                JsonNode body = WebhookService.JSON.readTree(req.getInputStream());
                if (body == null || !body.isObject()) {
                    throw new IllegalArgumentException("A JSON object: {\"url\": \"https://...\", \"events\": [\"call.ended\"], "
                            + "\"secret\": \"...\"}");
                }
                List<String> events = new ArrayList<>();
                body.path("events").forEach(e -> events.add(e.asText()));
                boolean created = webhooks.save(id, text(body, "url"), events, text(body, "secret"),
                        !body.has("active") || body.path("active").asBoolean(), text(body, "description"));
                JsonAnswers.write(resp, WebhookService.JSON, created ? 201 : 200, webhooks.subscription(id).orElseThrow());
            }
            case "DELETE" -> {
                if (webhooks.delete(id)) {
                    resp.setStatus(204);
                } else {
                    JsonAnswers.error(resp, WebhookService.JSON, 404, "No subscription " + id);
                }
            }
            default -> {
                var s = webhooks.subscription(id);
                if (s.isEmpty()) {
                    JsonAnswers.error(resp, WebhookService.JSON, 404, "No subscription " + id);
                    return;
                }
                List<Delivery> recent = webhooks.deliveries(id, null, 1000);
                JsonAnswers.write(resp, WebhookService.JSON, 200, Map.of("subscription", s.get(), "pending",
                        count(recent, Delivery.PENDING), "delivered", count(recent, Delivery.DELIVERED), "failed",
                        count(recent, Delivery.FAILED)));
            }
        }
    }

    private void deliveries(String[] parts, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (parts.length == 1) {
            String state = req.getParameter("state");
            if (state != null && !List.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED).contains(state)) {
                throw new IllegalArgumentException("state: PENDING, DELIVERED or FAILED");
            }
            JsonAnswers.write(resp, WebhookService.JSON, 200, webhooks.deliveries(req.getParameter("subscription"), state,
                    limit(req.getParameter("limit"))));
            return;
        }
        long id;
        try {
            id = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            JsonAnswers.error(resp, WebhookService.JSON, 404, "No delivery " + parts[1]);
            return;
        }
        if (parts.length == 3 ? !webhooks.resend(id) : webhooks.delivery(id).isEmpty()) {
            JsonAnswers.error(resp, WebhookService.JSON, 404, "No delivery " + id);
            return;
        }
        JsonAnswers.write(resp, WebhookService.JSON, parts.length == 3 ? 202 : 200, webhooks.delivery(id).orElseThrow());
    }

    private static long count(List<Delivery> ds, String state) {
        return ds.stream().filter(d -> d.state().equals(state)).count();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int limit(String text) {
        try {
            return text == null ? 50 : Math.max(1, Math.min(1000, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit: a number, 1 to 1000");
        }
    }
}
