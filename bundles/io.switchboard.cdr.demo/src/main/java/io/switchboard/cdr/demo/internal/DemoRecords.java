package io.switchboard.cdr.demo.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.api.StoreResult;
import io.switchboard.cdr.demo.DemoCalls;
import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.RequestBodies;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Demo call records, a plugin of its own rather than part of the call-record service: {@code POST
 * /api/v1/cdr/demo?count=N&days=D} (an operator) and the shell's {@code cdr:demo N D} store N
 * synthetic records spread over the D whole days before today (UTC), through the call-record
 * service as an import would. A server without this bundle cannot make records up.
 */
@Component(service = { Servlet.class, DemoRecords.class }, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/cdr/demo", "osgi.command.scope=cdr", "osgi.command.function=demo" })
public class DemoRecords extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = System.getLogger(DemoRecords.class.getName());
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    private static final int BATCH = 1000;

    @Reference
    private transient CdrService cdr;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("POST")) {
            resp.setHeader("Allow", "POST");
            JsonAnswers.error(resp, JSON, 405, req.getMethod() + " not allowed on /cdr/demo (allowed: POST)");
            return;
        }
        RequestBodies.finish(req, resp); // the parameters are in the query string; a body is not read
        try {
            Map<String, String> query = query(req.getQueryString());
            int count = number(query.get("count"), 10_000, "count");
            int days = number(query.get("days"), 7, "days");
            JsonAnswers.write(resp, JSON, 200, store(count, days));
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, JSON, 400, e.getMessage());
        }
    }

    /** The shell's {@code cdr:demo COUNT DAYS}. */
    public String demo(int count, int days) {
        StoreResult r = store(count, days);
        return r.stored() + " demo records stored over " + days + " days" + System.lineSeparator();
    }

    /** Stores {@code count} synthetic records over the {@code days} whole days before today (UTC). */
    StoreResult store(int count, int days) {
        if (count < 1 || count > 10_000_000) {
            throw new IllegalArgumentException("count must be between 1 and 10000000: " + count);
        }
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("days must be between 1 and 3650: " + days);
        }
        // whole days up to yesterday: never a record in the future
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        DemoCalls demo = DemoCalls.inTimeOrder(today.getEpochSecond(), today.minus(Duration.ofDays(days)), days, count);
        int stored = 0;
        int duplicates = 0;
        List<CallRecord> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < count; i++) {
            batch.add(demo.call(i));
            if (batch.size() == BATCH || i == count - 1) {
                StoreResult r = cdr.store(List.copyOf(batch));
                stored += r.stored();
                duplicates += r.duplicates();
                batch.clear();
            }
        }
        LOG.log(Level.INFO, "Demo data: " + stored + " records stored over " + days + " days");
        return new StoreResult(stored, duplicates, List.of());
    }

    /** The query string's parameters: never the body's (a form's), which is not read. */
    private static Map<String, String> query(String q) {
        Map<String, String> params = new HashMap<>();
        for (String pair : q == null ? new String[0] : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static int number(String value, int otherwise, String name) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
