package io.switchboard.schedules.core.internal;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.sip.api.schedule.Holiday;
import io.switchboard.sip.api.schedule.OpenHours;
import io.switchboard.sip.api.schedule.Schedule;
import io.switchboard.sip.api.schedule.ScheduleState;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Schedules in the management API.
 *
 * <pre>
 * GET    /schedules                  every schedule, each with whether it is open now
 * GET    /schedules/{name}           {"name", "timeZone", "hours": [{"days", "from", "to"}],
 *                                    "holidays": [{"from", "to", "name"}], "description", "now": {"open", "why"}}
 * GET    /schedules/{name}?at=ISO    the same, "now" being at that instant (2026-12-24T17:30:00Z)
 * PUT    /schedules/{name}           creates or replaces it; a bad field is refused with 400 naming it
 * DELETE /schedules/{name}           409 naming the routes and numbers that use it
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/schedules/*", "osgi.http.whiteboard.servlet.pattern=/schedules" })
public class SchedulesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /schedules", "GET /schedules/{name}",
            "PUT /schedules/{name}", "DELETE /schedules/{name}").map(ApiRoute::of).toList();
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    private static final Set<String> FIELDS = Set.of("name", "timeZone", "hours", "holidays", "description");

    @Reference
    private transient ScheduleService schedules;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null || req.getPathInfo().equals("/") ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/schedules" + path, req, resp, JSON)) {
            return;
        }
        try {
            Instant at = req.getParameter("at") == null ? Instant.now() : instant(req.getParameter("at"));
            if (path.isEmpty()) {
                List<Map<String, Object>> out = new ArrayList<>();
                schedules.schedules().forEach(s -> out.add(json(s, schedules.state(s.name(), at))));
                JsonAnswers.write(resp, JSON, 200, out);
                return;
            }
            String name = path.substring(1);
            switch (req.getMethod()) {
                case "PUT" -> {
                    Schedule s = schedules.save(parse(name, JSON.readTree(req.getInputStream())));
                    JsonAnswers.write(resp, JSON, 200, json(s, schedules.state(s.name(), at)));
                }
                case "DELETE" -> {
                    if (!schedules.delete(name)) {
                        JsonAnswers.error(resp, JSON, 404, "No schedule " + name);
                        return;
                    }
                    resp.setStatus(204);
                }
                default -> {
                    var s = schedules.schedule(name);
                    if (s.isEmpty()) {
                        JsonAnswers.error(resp, JSON, 404, "No schedule " + name);
                        return;
                    }
                    JsonAnswers.write(resp, JSON, 200, json(s.get(), schedules.state(name, at)));
                }
            }
        } catch (IllegalStateException e) {
            JsonAnswers.error(resp, JSON, 409, e.getMessage());
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        } catch (JsonProcessingException e) {
            JsonAnswers.error(resp, JSON, 400, "The body is no JSON: " + e.getOriginalMessage());
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("at: '" + text + "' is no instant like 2026-12-24T17:30:00Z");
        }
    }

    /** @return the schedule the body describes, named by the path */
    static Schedule parse(String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("A JSON object: {\"timeZone\": \"Europe/Berlin\", \"hours\": [{\"days\": "
                    + "\"mon-fri\", \"from\": \"08:00\", \"to\": \"18:00\"}], \"holidays\": [{\"from\": \"2026-12-25\"}]}");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("Unknown field " + f + ": one of " + new TreeSet<>(FIELDS));
            }
        });
        if (body.hasNonNull("name") && !name.equals(body.get("name").asText())) {
            throw new IllegalArgumentException("name: the body names " + body.get("name").asText() + ", the path "
                    + name);
        }
        List<OpenHours> hours = new ArrayList<>();
        JsonNode h = array(body, "hours");
        for (int i = 0; i < h.size(); i++) {
            JsonNode line = object(h.get(i), "hours[" + i + "]");
            hours.add(new OpenHours(text(line, "days"), text(line, "from"), text(line, "to")));
        }
        List<Holiday> holidays = new ArrayList<>();
        JsonNode d = array(body, "holidays");
        for (int i = 0; i < d.size(); i++) {
            JsonNode line = object(d.get(i), "holidays[" + i + "]");
            holidays.add(new Holiday(date(line, "from", i), date(line, "to", i), text(line, "name")));
        }
        return new Schedule(name, text(body, "timeZone"), hours, holidays, text(body, "description"));
    }

    private static JsonNode array(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return JSON.createArrayNode();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(field + ": a list");
        }
        return v;
    }

    private static JsonNode object(JsonNode v, String field) {
        if (!v.isObject()) {
            throw new IllegalArgumentException(field + ": an object");
        }
        return v;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static LocalDate date(JsonNode line, String field, int i) {
        String t = text(line, field);
        try {
            return t == null ? null : LocalDate.parse(t);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("holidays[" + i + "]." + field + ": '" + t + "' is no date YYYY-MM-DD");
        }
    }

    static Map<String, Object> json(Schedule s, ScheduleState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("timeZone", s.timeZone());
        out.put("hours", s.hours().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("days", h.days());
            m.put("from", h.from());
            m.put("to", h.to());
            return m;
        }).toList());
        out.put("holidays", s.holidays().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", h.from().toString());
            m.put("to", h.to().toString());
            m.put("name", h.name());
            return m;
        }).toList());
        out.put("description", s.description());
        out.put("now", Map.of("open", state.open(), "why", state.why()));
        return out;
    }
}
