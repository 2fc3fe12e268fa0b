package io.switchboard.testcall.core.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JacksonException;

import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.RequestBodies;
import io.switchboard.testcall.api.AudioCheck;
import io.switchboard.testcall.api.TestCallResult;
import io.switchboard.testcall.api.TestCallSchedule;
import io.switchboard.testcall.api.TestCallService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The test calls in the management API:
 *
 * <pre>
 * GET    /testcalls                      every schedule with its last result
 * GET    /testcalls/{name}               one schedule and its last 20 results
 * PUT    /testcalls/{name}               makes or changes a schedule of the API
 * DELETE /testcalls/{name}               removes one
 * POST   /testcalls/{name}/run           places its test call now, answers with the result
 * GET    /testcalls/{name}/results       its results, newest first (?limit=, 100 unless said)
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/testcalls", "osgi.http.whiteboard.servlet.pattern=/testcalls/*" })
public class TestCallServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /testcalls", "GET /testcalls/{name}",
            "PUT /testcalls/{name}", "DELETE /testcalls/{name}", "POST /testcalls/{name}/run",
            "GET /testcalls/{name}/results").map(ApiRoute::of).toList();

    @Reference
    private TestCallService testCalls;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/testcalls" + path, req, resp, Json.MAPPER)) {
            return;
        }
        try {
            if (path.isEmpty() || path.equals("/")) {
                JsonAnswers.write(resp, Json.MAPPER, 200, testCalls.schedules().stream().map(s -> entry(s, 1)).toList());
                return;
            }
            String[] parts = path.substring(1).split("/");
            String name = parts[0];
            if (parts.length == 2 && parts[1].equals("run")) {
                RequestBodies.finish(req, resp);
                JsonAnswers.write(resp, Json.MAPPER, 200, testCalls.run(name));
            } else if (parts.length == 2) {
                String limit = req.getParameter("limit");
                exists(name);
                JsonAnswers.write(resp, Json.MAPPER, 200, testCalls.results(name, limit == null ? 100
                        : Integer.parseInt(limit)));
            } else {
                schedule(req, resp, name);
            }
        } catch (NoSuchSchedule e) {
            JsonAnswers.error(resp, Json.MAPPER, 404, e.getMessage());
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, Json.MAPPER, 400, e.getMessage());
        } catch (IllegalStateException e) {
            JsonAnswers.error(resp, Json.MAPPER, 503, e.getMessage());
        }
    }

    private void schedule(HttpServletRequest req, HttpServletResponse resp, String name) throws IOException {
        switch (req.getMethod()) {
            case "GET" -> JsonAnswers.write(resp, Json.MAPPER, 200, entry(exists(name), 20));
            case "PUT" -> {
                Body body;
                try {
                    body = Json.MAPPER.readValue(req.getInputStream(), Body.class);
                } catch (JacksonException e) {
                    RequestBodies.finish(req, resp);
                    throw new IllegalArgumentException("Body is not a test-call schedule in JSON: "
                            + e.getOriginalMessage());
                }
                JsonAnswers.write(resp, Json.MAPPER, 200, testCalls.saveSchedule(body.schedule(name)));
            }
            default -> {
                RequestBodies.finish(req, resp);
                if (!testCalls.deleteSchedule(name)) {
                    throw new NoSuchSchedule(name);
                }
                JsonAnswers.write(resp, Json.MAPPER, 200, Map.of("deleted", name));
            }
        }
    }

    private TestCallSchedule exists(String name) {
        return testCalls.schedule(name).orElseThrow(() -> new NoSuchSchedule(name));
    }

    private Map<String, Object> entry(TestCallSchedule s, int results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schedule", s);
        List<TestCallResult> last = testCalls.results(s.name(), results);
        if (results == 1) {
            m.put("last", last.isEmpty() ? null : last.get(0));
        } else {
            m.put("results", last);
        }
        return m;
    }

    /** A schedule as PUT sends it: its name is the path's, an absent field takes the .cfg file's default. */
    record Body(String trunk, String number, Integer intervalMinutes, Integer answerSeconds, Integer listenSeconds,
            String audio, Double minMos, Boolean enabled) {

        TestCallSchedule schedule(String name) {
            return new TestCallSchedule(name, trunk, number, intervalMinutes == null ? 15 : intervalMinutes,
                    answerSeconds == null ? 30 : answerSeconds, listenSeconds == null ? 5 : listenSeconds,
                    audio == null ? AudioCheck.ECHO : AudioCheck.of(audio), minMos == null ? 0 : minMos,
                    enabled == null || enabled, TestCallSchedule.API);
        }
    }

    /** A schedule the path names that is not there: 404. */
    private static final class NoSuchSchedule extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchSchedule(String name) {
            super("No test call '" + name + "'");
        }
    }
}
