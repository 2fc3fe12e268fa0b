package io.switchboard.directory.core.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.directory.api.Contact;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The contact directories, for admins checking a plugin:
 * <pre>
 * GET /directory/status                  the directories in the order they are asked, and the lookups' counters
 * GET /directory/lookup?number=+1212...  who the number is, as a call would see it (waiting the bound, cache first)
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/directory/*" })
public class DirectoryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = ApiJson.MAPPER;
    static final List<ApiRoute> ROUTES = List.of(ApiRoute.of("GET /directory/status"),
            ApiRoute.of("GET /directory/lookup"));

    @Reference
    private transient Lookups lookups;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = "/directory" + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (JsonAnswers.refused(ROUTES, path, req, resp, JSON)) {
            return;
        }
        if (path.equals("/directory/status")) {
            JsonAnswers.write(resp, JSON, 200, lookups.status());
            return;
        }
        String number = req.getParameter("number");
        if (number == null || number.isBlank()) {
            JsonAnswers.error(resp, JSON, 400, "Give the number to look up: ?number=+12125550100");
            return;
        }
        long start = System.nanoTime();
        Optional<Contact> contact;
        try {
            contact = lookups.lookup(number).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            contact = Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            contact = Optional.empty(); // the lookup never fails and is bounded; this is only the belt to it
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number.strip());
        m.put("found", contact.isPresent());
        m.put("name", contact.map(Contact::name).orElse(null));
        m.put("company", contact.map(Contact::company).orElse(null));
        m.put("link", contact.map(Contact::link).orElse(null));
        m.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        JsonAnswers.write(resp, JSON, 200, m);
    }
}
