package io.switchboard.server.launcher;

import java.util.Collection;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.framework.hooks.bundle.FindHook;

/**
 * Keeps the libraries that find their own {@code ServiceLoader} services out of sight of the
 * ServiceLoader mediator (Aries SPI Fly). Liquibase is the one: the store hands it its own class
 * loader, where its 436 providers are listed, and no other bundle asks for them. Mediated, Liquibase
 * cost every start about a second and a half of CPU: SPI Fly loaded each provider class, rewrote it
 * with ASM on the way in, and registered it as an OSGi service, although the schema is up to date on
 * almost every start and Liquibase then never runs. The library still resolves against the mediator
 * it requires and starts like any other bundle; only the mediator's bundle trackers do not see it.
 */
final class SelfServedLibraries implements FindHook, EventHook {

    static final String MEDIATOR = "org.apache.aries.spifly.dynamic.bundle";
    static final Set<String> LIBRARIES = Set.of("org.liquibase.core");

    /** Registers the hooks, before any bundle starts: the mediator must never have seen the libraries. */
    static void register(BundleContext framework) {
        framework.registerService(new String[] { FindHook.class.getName(), EventHook.class.getName() },
                new SelfServedLibraries(), null);
    }

    @Override
    public void find(BundleContext context, Collection<Bundle> bundles) {
        if (mediator(context)) {
            bundles.removeIf(b -> LIBRARIES.contains(b.getSymbolicName()));
        }
    }

    @Override
    public void event(BundleEvent event, Collection<BundleContext> contexts) {
        if (LIBRARIES.contains(event.getBundle().getSymbolicName())) {
            contexts.removeIf(SelfServedLibraries::mediator);
        }
    }

    private static boolean mediator(BundleContext context) {
        Bundle bundle = context.getBundle();
        return bundle != null && MEDIATOR.equals(bundle.getSymbolicName());
    }
}
