package io.switchboard.sip.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.switchboard.sip.core.internal.dispatch.InitialRequestDispatcher;
import io.switchboard.sip.handler.api.RequestHandler;

/**
 * The bundles that serve a method of their own, by their {@link RequestHandler#METHOD} property:
 * looked up in a map for every request, kept by a service tracker.
 */
final class RequestHandlers implements InitialRequestDispatcher.Handlers {

    private static final Logger LOG = System.getLogger(RequestHandlers.class.getName());

    private final Map<String, RequestHandler> served = new ConcurrentHashMap<>();
    private ServiceTracker<RequestHandler, RequestHandler> tracker;

    @Override
    public RequestHandler of(String method) {
        return served.get(method);
    }

    /** @return the methods bundles serve now, in order */
    List<String> served() {
        return served.keySet().stream().sorted().toList();
    }

    void open(BundleContext context) {
        tracker = new ServiceTracker<>(context, RequestHandler.class, null) {
            @Override
            public RequestHandler addingService(ServiceReference<RequestHandler> ref) {
                String method = method(ref);
                RequestHandler h = method == null ? null : context.getService(ref);
                if (h != null && served.putIfAbsent(method, h) != null) {
                    LOG.log(Level.WARNING, "Two bundles serve SIP " + method + "; " + ref.getBundle().getSymbolicName()
                            + " is not used");
                }
                return h;
            }

            @Override
            public void removedService(ServiceReference<RequestHandler> ref, RequestHandler h) {
                served.remove(method(ref), h);
                context.ungetService(ref);
            }
        };
        tracker.open();
    }

    void close() {
        if (tracker != null) {
            tracker.close();
        }
    }

    private static String method(ServiceReference<?> ref) {
        Object m = ref.getProperty(RequestHandler.METHOD);
        if (!(m instanceof String s) || s.isBlank()) {
            LOG.log(Level.WARNING, "A SIP request handler of " + ref.getBundle().getSymbolicName() + " names no "
                    + RequestHandler.METHOD);
            return null;
        }
        return s.trim().toUpperCase(Locale.ROOT);
    }
}
