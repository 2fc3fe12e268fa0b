package io.switchboard.queue.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The wallboard as a page for the office's wall screen, at {@code /wallboard/}: three static files and no data. The
 * page's script reads the queues' live figures from the management API with the token in its address's fragment
 * (which the browser never sends, so no server or proxy logs it) or a viewer's login, so this servlet needs none.
 * It lies outside {@code /api/v1} for that reason, and its headers let the page run its own script only and talk
 * only to its own server.
 */
@Component(service = Servlet.class, property = { "osgi.http.whiteboard.servlet.pattern=/wallboard/*",
        "osgi.http.whiteboard.servlet.name=switchboard-wallboard" })
public class WallboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final Map<String, String> TYPES = Map.of("/", "text/html; charset=utf-8", "/wallboard.js",
            "text/javascript; charset=utf-8", "/wallboard.css", "text/css; charset=utf-8");
    private final Map<String, byte[]> files = Map.of("/", read("index.html"), "/wallboard.js", read("wallboard.js"),
            "/wallboard.css", read("wallboard.css"));

    private static byte[] read(String name) {
        try (InputStream in = WallboardServlet.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IOException("not in the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The wallboard's " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null) {
            // the page's own files are named relative to the folder
            resp.sendRedirect(req.getContextPath() + req.getServletPath() + "/");
            return;
        }
        byte[] body = files.get(path);
        if (body == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType(TYPES.get(path));
        resp.setHeader("Content-Security-Policy", POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
