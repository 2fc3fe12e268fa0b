package io.switchboard.messaging.core.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.messaging.api.MessageSearch;
import io.switchboard.messaging.api.MessageStore;
import io.switchboard.messaging.api.TextMessage;
import io.switchboard.mgmt.api.ApiRoute;
import io.switchboard.mgmt.api.JsonAnswers;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.Role;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Text messages in the management API. The list says who wrote to whom, when and how it went, never
 * what was written; the content is read one message at a time, by an operator, as a call's
 * recording is:
 *
 * <pre>
 * GET /messages?user=&amp;q=&amp;limit=  the newest first (100 unless said, at most 1000), those the query finds
 * GET /messages/{id}             one message's state
 * GET /messages/{id}/body        what it says, in its own content type
 * </pre>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/messages", "osgi.http.whiteboard.servlet.pattern=/messages/*" })
public class MessagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final List<ApiRoute> ROUTES = Stream.of("GET /messages", "GET /messages/{id}",
            "GET /messages/{id}/body").map(ApiRoute::of).toList();

    /** A message as the list shows it: its size, not its content. */
    record Entry(long id, String from, String fromName, String to, String trunk, String contentType, int bytes,
            Instant received,
            String state, Instant delivered, String reason) {

        static Entry of(TextMessage m) {
            return new Entry(m.id(), m.from(), m.fromName(), m.to(), m.trunk(), m.contentType(), m.body().length, m.received(),
                    m.state().name().toLowerCase(Locale.ROOT), m.delivered(), m.reason());
        }
    }

    @Reference
    private MessageStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MessageSearch search;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (JsonAnswers.refused(ROUTES, "/messages" + path, req, resp, Json.MAPPER)) {
            return;
        }
        try {
            if (path.isEmpty() || path.equals("/")) {
                String limit = req.getParameter("limit");
                int n = limit == null ? 100 : Integer.parseInt(limit);
                if (n < 1 || n > 1000) {
                    throw new IllegalArgumentException("limit: 1 to 1000");
                }
                String user = req.getParameter("user");
                String q = req.getParameter("q");
                if (q == null) {
                    JsonAnswers.write(resp, Json.MAPPER, 200, store.history(user, n).stream().map(Entry::of).toList());
                } else {
                    search(req, resp, user, q, n);
                }
                return;
            }
            String[] parts = path.substring(1).split("/");
            TextMessage m = store.message(Long.parseLong(parts[0])).orElse(null);
            if (m == null) {
                JsonAnswers.error(resp, Json.MAPPER, 404, "No message " + parts[0]);
            } else if (parts.length == 2) {
                resp.setStatus(200);
                resp.setContentType(m.contentType());
                resp.setHeader("X-Content-Type-Options", "nosniff");
                resp.setHeader("Content-Disposition", "attachment"); // never rendered as a page of the API's origin
                resp.getOutputStream().write(m.body());
            } else {
                JsonAnswers.write(resp, Json.MAPPER, 200, Entry.of(m));
            }
        } catch (SecurityException e) {
            JsonAnswers.error(resp, Json.MAPPER, 403, e.getMessage());
        } catch (NumberFormatException e) {
            JsonAnswers.error(resp, Json.MAPPER, 400, "Not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            JsonAnswers.error(resp, Json.MAPPER, 400, e.getMessage());
        }
    }

    /**
     * The messages the query finds, newest first, with how many it found in X-Total-Count. Only an
     * operator may search what messages say (when the admin has it indexed), as only an operator
     * may read it.
     */
    private void search(HttpServletRequest req, HttpServletResponse resp, String user, String q, int limit)
            throws IOException {
        MessageSearch s = search;
        if (s == null) {
            JsonAnswers.error(resp, Json.MAPPER, 503, "The message search (io.switchboard.messaging.search.lucene) "
                    + "is not running");
            return;
        }
        String quoted = user == null ? null : "\"" + user.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String query = user == null ? q
                : "(from:" + quoted + " OR to:" + quoted + ")" + (q.isBlank() ? "" : " AND (" + q + ")");
        Role role = (Role) req.getAttribute(ManagementApi.ROLE_ATTRIBUTE);
        MessageSearch.Hits hits = s.search(query, role != null && role.covers(Role.OPERATOR), limit);
        List<Entry> found = hits.ids().stream().map(store::message).flatMap(Optional::stream)
                .map(Entry::of).toList();
        resp.setHeader("X-Total-Count", Long.toString(hits.total()));
        JsonAnswers.write(resp, Json.MAPPER, 200, found);
    }
}
