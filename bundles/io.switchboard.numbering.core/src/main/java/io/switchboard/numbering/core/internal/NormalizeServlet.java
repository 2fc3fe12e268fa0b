package io.switchboard.numbering.core.internal;

import java.io.IOException;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.numbering.api.NumberNormalization;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /api/v1/numbering/normalize?number=...&country=...}: what a number normalises to, and by whom. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/numbering/normalize" })
public class NormalizeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    @Reference
    private NumberNormalization normalization;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getMethod().equals("GET") || request.getMethod().equals("HEAD")) {
            super.service(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        response.setHeader("Allow", "GET");
        response.setHeader("Connection", "close"); // the body was not read: Jetty closes the connection
        response.setContentType(ManagementApi.JSON);
        JSON.writeValue(response.getOutputStream(), Map.of("status", 405, "error", request.getMethod()
                + " not allowed on " + request.getRequestURI() + " (allowed: GET)"));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(ManagementApi.JSON);
        String number = request.getParameter("number");
        try {
            JSON.writeValue(response.getOutputStream(),
                    normalization.normalize(number, request.getParameter("country")));
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            JSON.writeValue(response.getOutputStream(), Map.of("status", 400, "error", e.getMessage()));
        }
    }
}
