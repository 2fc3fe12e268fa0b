package io.switchboard.mgmt.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.mgmt.api.Role;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes every change that succeeds through the API to the audit log, whichever bundle's resource
 * made it: the resource as its own {@code GET} shows it before and after (where it has one; else
 * the answer to the change), with every field whose name says password, secret, token or hash
 * masked. Runs inside the body limit, after the context has authenticated the request.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.filter.pattern=/*", "service.ranking:Integer=-10" })
public class AuditFilter implements Filter {

    /** Request attribute with the client's address as the context worked it out (proxies believed or not). */
    static final String ADDRESS_ATTRIBUTE = "io.switchboard.mgmt.address";
    static final String MASK = "********";
    private static final Logger LOG = System.getLogger(AuditFilter.class.getName());
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|hash|ha1|credential).*");

    @Reference
    private AuditLog log;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String path = (String) http.getAttribute(ManagementContext.PATH_ATTRIBUTE);
        String account = (String) http.getAttribute(ManagementApi.PRINCIPAL_ATTRIBUTE);
        if (account == null || path == null || !Permissions.changes(http.getMethod(), path)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse real = (HttpServletResponse) response;
        String before = read(http, real, path);
        CapturedResponse captured = new CapturedResponse(real, true);
        chain.doFilter(request, captured);
        String answer = captured.body();
        int status = captured.capturedStatus();
        if (status < 200 || status > 299) {
            return;
        }
        // a resource read before is read again (gone after a DELETE); else the answer says what was done
        String after = before != null ? read(http, real, path) : masked(answer);
        Role role = (Role) http.getAttribute(ManagementApi.ROLE_ATTRIBUTE);
        String address = (String) http.getAttribute(ADDRESS_ATTRIBUTE);
        String query = http.getQueryString();
        try {
            log.append(new AuditLog.Entry(0, OffsetDateTime.now(ZoneOffset.UTC), account,
                    role == null ? "" : role.id(), address == null ? http.getRemoteAddr() : address, http.getMethod(),
                    path + (query == null ? "" : "?" + query), status, before, after));
        } catch (RuntimeException e) {
            // the change is made and answered; that its entry is missing must at least be in the log
            LOG.log(Level.ERROR, "Change " + http.getMethod() + " " + path + " by '" + account
                    + "' not in the audit log: " + e.getMessage());
        }
    }

    /** @return the resource at the path as its GET answers it, masked, or null when it has none there */
    private static String read(HttpServletRequest request, HttpServletResponse response, String path) {
        RequestDispatcher dispatcher = request.getServletContext().getRequestDispatcher(path);
        if (dispatcher == null) {
            return null;
        }
        try {
            CapturedResponse captured = new CapturedResponse(response, false);
            dispatcher.include(new AsGet(request), captured);
            return captured.capturedStatus() == 200 ? masked(captured.body()) : null;
        } catch (ServletException | IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the JSON with its secrets masked, or null when it is none or an error's answer */
    static String masked(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(json);
            if (tree == null || tree.isObject() && tree.has("error") && tree.path("status").asInt() >= 400) {
                return null;
            }
            mask(tree);
            return Json.MAPPER.writeValueAsString(tree);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (SECRET.matcher(field.getKey()).matches() && !field.getValue().isNull()
                        && !field.getValue().isBoolean()) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(AuditFilter::mask);
        }
    }

    /** The request as a GET of the same path, without its body or parameters. */
    private static final class AsGet extends HttpServletRequestWrapper {

        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream empty = new ByteArrayInputStream(new byte[0]);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return empty.read();
                }

                @Override
                public boolean isFinished() {
                    return true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("no body");
                }
            };
        }
    }
}
