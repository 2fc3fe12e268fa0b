package io.switchboard.store.rows;

import java.util.Collection;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * An OSGi service per named row, kept in step with the rows: one registered for each new name, unregistered when
 * its row goes (each menu or page group a call target of its own name).
 *
 * @param <S> the service's type
 */
public final class ServicePerRow<S> implements AutoCloseable {

    private final BundleContext context;
    private final Class<S> type;
    private final Function<String, S> make;
    private final Function<String, Map<String, Object>> properties;
    private final Map<String, ServiceRegistration<S>> registered = new HashMap<>();

    /**
     * @param make the service of a row's name
     * @param properties the service properties of a row's name
     */
    public ServicePerRow(BundleContext context, Class<S> type, Function<String, S> make,
            Function<String, Map<String, Object>> properties) {
        this.context = context;
        this.type = type;
        this.make = make;
        this.properties = properties;
    }

    /** @param names every row's name now: the services follow */
    public synchronized void sync(Collection<String> names) {
        registered.entrySet().removeIf(e -> {
            if (names.contains(e.getKey())) {
                return false;
            }
            e.getValue().unregister();
            return true;
        });
        for (String name : names) {
            if (!registered.containsKey(name)) {
                registered.put(name, context.registerService(type, make.apply(name), new Hashtable<>(properties
                        .apply(name))));
            }
        }
    }

    @Override
    public synchronized void close() {
        registered.values().forEach(ServiceRegistration::unregister);
        registered.clear();
    }
}
