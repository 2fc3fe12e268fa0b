package io.switchboard.cdr.core.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JacksonException;

import io.switchboard.cdr.api.CallAttachment;
import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrExporter;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.api.SavedSearch;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.RequestBodies;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The CDR resources of the management API:
 * <pre>
 * GET  /cdr/records?q=&amp;sort=&amp;order=&amp;offset=&amp;limit=&amp;facet=   search, with facet counts
 * GET  /cdr/records/{id}                                  one record
 * GET  /cdr/records/{id}/{attachment}                     what an area keeps for it (ladder, recording), with Range
 * GET  /cdr/export?q=&amp;format=csv|json                         every match, streamed
 * POST /cdr/import?format=&amp;source=&amp;fileName=               body: the file
 * POST /cdr/reindex                                       rebuild the index from the database
 * GET  /cdr/retention  (what would go)   POST /cdr/retention (apply)
 * GET  /cdr/status                                        stored and indexed counts, formats
 * GET  /cdr/saved-searches   PUT|DELETE /cdr/saved-searches/{name}   the caller's saved searches
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/cdr/*" })
public class CdrServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference
    private CdrService cdr;

    /** What this resource answers, as docs/openapi.yaml writes it (ApiDocumentationIT holds the two together). */
    static final List<ApiRoute> ROUTES = Stream.of("GET /cdr/records", "GET /cdr/records/{id}",
            "GET /cdr/records/{id}/{attachment}",
            "GET /cdr/export", "POST /cdr/import", "GET /cdr/status", "GET /cdr/saved-searches",
            "PUT /cdr/saved-searches/{name}", "DELETE /cdr/saved-searches/{name}", "POST /cdr/reindex",
            "GET /cdr/retention", "POST /cdr/retention").map(ApiRoute::of).toList();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        if (JsonAnswers.refused(ROUTES, "/cdr" + path, req, resp, JsonExporter.JSON)) {
            return;
        }
        try {
            if (method.equals("GET") && path.equals("/records")) {
                write(resp, 200, cdr.search(query(req, 50)));
            } else if (method.equals("GET") && path.startsWith("/records/")) {
                String[] parts = path.substring("/records/".length()).split("/", 2);
                var record = cdr.get(parts[0]);
                if (record.isEmpty()) {
                    error(resp, 404, "No call record " + parts[0]);
                } else if (parts.length == 1) {
                    write(resp, 200, record.get());
                } else {
                    attachment(req, resp, record.get(), parts[1]);
                }
            } else if (method.equals("GET") && path.equals("/export")) {
                export(req, resp);
            } else if (method.equals("POST") && path.equals("/import")) {
                // Parameters from the query string only: the body is the file, whatever its content type
                // (curl --data-binary sends form-encoded, which getParameter would consume).
                Map<String, String> params = queryString(req);
                String format = params.get("format");
                if (format == null || format.isBlank()) {
                    throw new IllegalArgumentException("Parameter 'format' is required");
                }
                String fileName = params.getOrDefault("fileName", "upload");
                String source = params.getOrDefault("source", format);
                write(resp, 200, cdr.importFile(format, source, fileName, req.getInputStream()));
            } else if (method.equals("GET") && path.equals("/status")) {
                write(resp, 200, cdr.status());
            } else if (path.equals("/saved-searches") && method.equals("GET")) {
                write(resp, 200, cdr.savedSearches(user(req)));
            } else if (path.startsWith("/saved-searches/") && method.equals("PUT")) {
                String name = path.substring("/saved-searches/".length());
                SavedSearch body = JsonExporter.JSON.readValue(req.getInputStream(), SavedSearch.class);
                write(resp, 200, cdr.saveSearch(new SavedSearch(user(req), name, body.query(), body.sort(),
                        body.descending(), body.facets(), null)));
            } else if (path.startsWith("/saved-searches/") && method.equals("DELETE")) {
                String name = path.substring("/saved-searches/".length());
                if (cdr.deleteSavedSearch(user(req), name)) {
                    write(resp, 200, Map.of("deleted", name));
                } else {
                    error(resp, 404, "No saved search '" + name + "'");
                }
            } else if (method.equals("POST") && path.equals("/reindex")) {
                RequestBodies.finish(req, resp);
                write(resp, 200, Map.of("indexed", cdr.reindex()));
            } else if (path.equals("/retention") && (method.equals("GET") || method.equals("POST"))) {
                RequestBodies.finish(req, resp);
                write(resp, 200, cdr.retention(method.equals("GET")));
            } else {
                error(resp, 404, "No resource " + method + " " + req.getRequestURI());
            }
        } catch (JacksonException e) {
            RequestBodies.finish(req, resp);
            error(resp, 400, "Body is not a saved search in JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            RequestBodies.finish(req, resp);
            error(resp, 400, e.getMessage());
        } catch (ScanningQueries.Refused e) {
            RequestBodies.finish(req, resp);
            error(resp, 403, e.getMessage());
        } catch (UncheckedIOException indexUnreachable) {
            // a search cluster that cannot be reached for now: the records are safe in the database
            RequestBodies.finish(req, resp);
            error(resp, 503, "The call-record index cannot answer now: " + indexUnreachable.getMessage());
        }
    }

    private void attachment(HttpServletRequest req, HttpServletResponse resp, CallRecord record, String name)
            throws IOException {
        Optional<CallAttachment.Content> content;
        try {
            content = cdr.attachment(record, name);
        } catch (IllegalArgumentException notInstalled) {
            error(resp, 404, notInstalled.getMessage());
            return;
        }
        if (content.isPresent()) {
            AttachmentResponse.send(req, resp, content.get());
        } else {
            error(resp, 404, "Call record " + record.id() + " has no " + name
                    + (name.equals("recording") ? ": the call was not recorded" : ""));
        }
    }

    private static String user(HttpServletRequest req) {
        return (String) req.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE);
    }

    private void export(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String format = req.getParameter("format") == null ? "csv" : req.getParameter("format");
        CdrExporter exporter = cdr.exporter(format);
        CdrQuery query = query(req, 0);
        cdr.search(new CdrQuery(query.query(), query.sort(), query.descending(), 0, 0, List.of())); // validates first
        resp.setStatus(200);
        resp.setContentType(exporter.contentType());
        resp.setHeader("Content-Disposition", "attachment; filename=\"cdr." + exporter.extension() + "\"");
        OutputStream out = resp.getOutputStream();
        try (CdrExporter.Writer writer = exporter.open(out)) {
            cdr.forEach(query, r -> {
                try {
                    writer.write(r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException clientGone) {
            throw clientGone.getCause();
        }
    }

    private static CdrQuery query(HttpServletRequest req, int defaultLimit) {
        String order = req.getParameter("order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new IllegalArgumentException("order must be asc or desc, not '" + order + "'");
        }
        String[] facets = req.getParameterValues("facet");
        ScanningQueries.check(req, req.getParameter("q"));
        return new CdrQuery(req.getParameter("q"), req.getParameter("sort"), !"asc".equals(order),
                integer(req, "offset", 0), integer(req, "limit", defaultLimit),
                facets == null ? List.of() : Arrays.asList(facets));
    }

    private static int integer(HttpServletRequest req, String name, int fallback) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }

    private static Map<String, String> queryString(HttpServletRequest req) {
        Map<String, String> params = new LinkedHashMap<>();
        String q = req.getQueryString();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        StandardCharsets.UTF_8);
                params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        JsonAnswers.write(resp, JsonExporter.JSON, status, body);
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        JsonAnswers.error(resp, JsonExporter.JSON, status, message);
    }
}
