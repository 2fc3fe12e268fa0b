package io.switchboard.server.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;

class SelfServedLibrariesTest {

    private final SelfServedLibraries hooks = new SelfServedLibraries();
    private final Bundle liquibase = bundle("org.liquibase.core");
    private final Bundle jetty = bundle("org.eclipse.jetty.util");
    private final BundleContext mediator = context(bundle(SelfServedLibraries.MEDIATOR));
    private final BundleContext store = context(bundle("io.switchboard.store.jdbc"));

    @Test
    void theMediatorFindsEveryBundleButTheSelfServedOnes() {
        List<Bundle> seen = new ArrayList<>(List.of(liquibase, jetty));
        hooks.find(mediator, seen);
        assertEquals(List.of(jetty), seen);

        List<Bundle> all = new ArrayList<>(List.of(liquibase, jetty));
        hooks.find(store, all);
        assertEquals(List.of(liquibase, jetty), all, "any other bundle finds them all");
    }

    @Test
    void theMediatorHearsNothingOfTheSelfServedOnes() {
        List<BundleContext> told = new ArrayList<>(List.of(mediator, store));
        hooks.event(new BundleEvent(BundleEvent.STARTED, liquibase), told);
        assertEquals(List.of(store), told);

        List<BundleContext> all = new ArrayList<>(List.of(mediator, store));
        hooks.event(new BundleEvent(BundleEvent.STARTED, jetty), all);
        assertEquals(List.of(mediator, store), all, "of other bundles it hears");
    }

    private static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "toString" -> symbolicName;
                    case "hashCode" -> symbolicName.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new AssertionError("the hooks do not call " + method.getName());
                });
    }

    private static BundleContext context(Bundle bundle) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> bundle;
                    case "toString" -> "context of " + bundle;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new AssertionError("the hooks do not call " + method.getName());
                });
    }
}
