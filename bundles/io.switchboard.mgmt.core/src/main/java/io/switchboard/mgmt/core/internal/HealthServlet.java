package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;

import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.store.api.Store;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/health}, open to all: UP (200) when the store answers and accounts are ready
 * (so the rest of the API can serve), DOWN (503) otherwise, and nothing more: it never looks at
 * credentials, so that it can be neither a password oracle nor a way round the login budgets.
 * {@code GET /api/v1/health/checks}, authenticated like every other resource, names each check and
 * why it is down.
 */
@Component(service = Servlet.class, configurationPid = ManagementConfig.PID, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=" + ManagementApi.HEALTH_PATH,
        "osgi.http.whiteboard.servlet.pattern=" + HealthServlet.CHECKS_PATH })
public class HealthServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;
    static final String CHECKS_PATH = ManagementApi.HEALTH_PATH + "/checks";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Store store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Accounts accounts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HttpServiceRuntime runtime;

    private volatile List<String> required = List.of();
    /** Within a load balancer's usual probe timeout of 5 s. */
    private final transient StoreProbe probe = new StoreProbe(3_000);

    @Activate
    @Modified
    void configure(ManagementConfig config) {
        required = config.requiredResources() == null ? List.of()
                : Arrays.stream(config.requiredResources()).flatMap(v -> Arrays.stream(v.split(",")))
                        .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("store", storeStatus());
        checks.put("accounts", accounts != null ? "UP" : "DOWN: not ready (settings io.switchboard.mgmt, store)");
        if (!required.isEmpty()) {
            checks.put("resources", resourcesStatus());
        }
        boolean up = checks.values().stream().allMatch("UP"::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        if (CHECKS_PATH.equals(request.getAttribute(ManagementContext.PATH_ATTRIBUTE))) {
            // the context let this path through only with an account's credentials
            body.put("checks", checks);
        }
        Json.write(response, up ? 200 : 503, body);
    }

    /** @return UP when the HTTP runtime serves every required pattern in the API's context */
    private String resourcesStatus() {
        HttpServiceRuntime current = runtime;
        if (current == null) {
            return "DOWN: no HTTP runtime";
        }
        Set<String> served = new HashSet<>();
        for (ServletContextDTO context : current.getRuntimeDTO().servletContextDTOs) {
            if (ManagementApi.CONTEXT_NAME.equals(context.name)) {
                for (ServletDTO servlet : context.servletDTOs) {
                    served.addAll(Arrays.asList(servlet.patterns));
                }
            }
        }
        List<String> missing = required.stream().filter(p -> !served.contains(p)).toList();
        return missing.isEmpty() ? "UP" : "DOWN: not served yet: " + String.join(", ", missing);
    }

    private String storeStatus() {
        Store current = store;
        if (current == null) {
            return "DOWN: not started (see the server log)";
        }
        return probe.status(current.dataSource());
    }
}
