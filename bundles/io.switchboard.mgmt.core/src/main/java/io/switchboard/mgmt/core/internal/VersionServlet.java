package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /api/v1/version}: product, API and runtime versions. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/version" })
public class VersionServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;
    private final Map<String, Object> body = new LinkedHashMap<>();

    @Activate
    public VersionServlet(BundleContext context) {
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        body.put("product", "Switchboard");
        body.put("version", context.getBundle().getVersion().toString());
        body.put("api", "v1");
        body.put("framework", framework.getSymbolicName() + " " + framework.getVersion());
        body.put("java", System.getProperty("java.vendor") + " " + Runtime.version());
        body.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 200, body);
    }
}
