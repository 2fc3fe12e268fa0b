package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

import io.switchboard.mgmt.api.ManagementApi;
import io.switchboard.platform.api.Plugins;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/plugins}: every registered plugin service (any service with
 * {@value Plugins#NAME}), whatever its interface, in the order the platform asks them, with
 * its signer and the services its bundle provides and uses.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/plugins" })
public class PluginsServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;

    /**
     * @param signer the subject of the certificate that signed the plugin's jar, "" when unsigned
     * @param provides the interfaces of every service the plugin's bundle registers
     * @param uses the interfaces of the services its bundle uses
     */
    record PluginInfo(String name, String vendor, String description, List<String> interfaces, int ranking,
            long serviceId, String bundle, String bundleVersion, String location, String signer,
            List<String> provides, List<String> uses) {
    }

    private final BundleSigners signers = new BundleSigners();

    private final ServiceTracker<Object, Object> tracker;

    @Activate
    public PluginsServlet(BundleContext context) throws InvalidSyntaxException {
        // References only: the plugin objects are never fetched, so any interface can be listed.
        tracker = new ServiceTracker<>(context, context.createFilter(Plugins.FILTER), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                return reference;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Object service) {
                // nothing was fetched, nothing to unget
            }
        };
        tracker.open(true);
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 200, plugins());
    }

    List<PluginInfo> plugins() {
        ServiceReference<Object>[] refs = tracker.getServiceReferences();
        List<PluginInfo> out = new ArrayList<>();
        if (refs == null) {
            return out;
        }
        Arrays.sort(refs, Comparator.reverseOrder());
        for (ServiceReference<Object> ref : refs) {
            if (ref.getBundle() == null) {
                continue; // unregistered while we looked
            }
            out.add(new PluginInfo(String.valueOf(ref.getProperty(Plugins.NAME)), text(ref, Plugins.VENDOR),
                    text(ref, Plugins.DESCRIPTION), List.of((String[]) ref.getProperty(Constants.OBJECTCLASS)),
                    ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0,
                    (Long) ref.getProperty(Constants.SERVICE_ID), ref.getBundle().getSymbolicName(),
                    ref.getBundle().getVersion().toString(), ref.getBundle().getLocation(),
                    signers.signer(ref.getBundle()), interfaces(ref.getBundle().getRegisteredServices()),
                    interfaces(ref.getBundle().getServicesInUse())));
        }
        return out;
    }

    private static List<String> interfaces(ServiceReference<?>[] refs) {
        if (refs == null) {
            return List.of();
        }
        return Arrays.stream(refs).flatMap(r -> Arrays.stream((String[]) r.getProperty(Constants.OBJECTCLASS)))
                .distinct().sorted().toList();
    }

    private static String text(ServiceReference<?> ref, String key) {
        Object v = ref.getProperty(key);
        return v == null ? "" : v.toString();
    }
}
