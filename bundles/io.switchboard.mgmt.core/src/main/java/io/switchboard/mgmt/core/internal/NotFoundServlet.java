package io.switchboard.mgmt.core.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;

import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Answers JSON 404 for any path under {@code /api/v1} that no resource serves. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/" })
public class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.error(response, 404, "No resource " + request.getMethod() + " " + request.getRequestURI());
    }
}
