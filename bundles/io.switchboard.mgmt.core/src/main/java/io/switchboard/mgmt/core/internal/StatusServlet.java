package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /api/v1/status}: uptime, memory, and every bundle with its state. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/status" })
public class StatusServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    record BundleInfo(long id, String symbolicName, String version, String state, boolean fragment,
            String location) {
    }

    private final BundleContext context;

    @Activate
    public StatusServlet(BundleContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 200, status());
    }

    Map<String, Object> status() {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        Runtime rt = Runtime.getRuntime();
        List<BundleInfo> bundles = new ArrayList<>();
        Map<String, Integer> byState = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            String state = stateName(b.getState());
            bundles.add(new BundleInfo(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), state,
                    fragment, b.getLocation()));
            byState.merge(state, 1, Integer::sum);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("started", OffsetDateTime.ofInstant(started, ZoneId.systemDefault()));
        body.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        body.put("dataDirectory", context.getProperty("switchboard.data"));
        body.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
        body.put("heapMaxBytes", rt.maxMemory());
        body.put("bundleStates", byState);
        body.put("bundles", bundles);
        return body;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN";
        };
    }
}
