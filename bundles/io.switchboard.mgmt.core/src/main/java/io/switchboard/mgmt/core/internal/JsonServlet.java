package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A resource of the API that answers a method it does not serve as every other resource does: a
 * JSON 405 with {@code Allow}, not the container's HTML page. The methods served are the
 * {@code doGet}, {@code doPut}, ... the subclass declares.
 */
abstract class JsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (serves(method) || (method.equals("HEAD") && serves("GET")) || method.equals("OPTIONS")) {
            super.service(request, response);
            return;
        }
        String allow = String.join(", ", METHODS.stream().filter(this::serves).toList());
        response.setHeader("Allow", allow);
        // the body was not read: Jetty closes the connection, so the client must not send on it again
        response.setHeader("Connection", "close");
        Json.error(response, 405, method + " not allowed on " + request.getRequestURI() + " (allowed: " + allow + ")");
    }

    private boolean serves(String method) {
        String name = "do" + method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
        try {
            getClass().getDeclaredMethod(name, HttpServletRequest.class, HttpServletResponse.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
