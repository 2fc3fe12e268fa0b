package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The server bundles the console carries for its local server. They are installed with the
 * console but started only when the local server is (transiently, so the next start of the
 * console is as quick again): an admin who never runs one does not pay for Jetty, Liquibase, the
 * switch and the index at every start.
 */
final class ServerBundles {

    /** Without these there is no local server. */
    static final List<String> REQUIRED = List.of("org.apache.felix.configadmin", "org.apache.felix.http.jetty12.light",
            "io.switchboard.store.jdbc", "io.switchboard.mgmt.core", "io.switchboard.numbering.core");
    /** In start order: logging and migrations before the bundles that use them. */
    private static final List<String> START = List.of("slf4j.jdk14", "org.liquibase.core", "org.apache.felix.metatype",
            "org.apache.felix.http.jetty12.light", "io.switchboard.store.jdbc", "io.switchboard.mgmt.core",
            "io.switchboard.numbering.core", "io.switchboard.sip.provisioning.jdbc", "io.switchboard.media.rtp", "io.switchboard.sip.transport", "io.switchboard.sip.stack", "io.switchboard.sip.guard",
            "io.switchboard.sip.ladder", "io.switchboard.sip.routing", "io.switchboard.sip.admin", "io.switchboard.cluster.core",
            "io.switchboard.sip.core", "io.switchboard.messaging.sip", "io.switchboard.subscription.sip",
            "io.switchboard.cdr.store.jdbc", "io.switchboard.cdr.search.lucene", "io.switchboard.cdr.core",
            "io.switchboard.cdr.importers", "io.switchboard.cdr.demo", "io.switchboard.kpi.core", "io.switchboard.alert.core");

    private ServerBundles() {
    }

    /** Starts every server bundle the console has; fails naming those a local server cannot do without. */
    static void start(BundleContext context) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (bundle(context, name) == null) {
                missing.add(name + " (missing)");
            }
        }
        for (String name : START) {
            Bundle b = bundle(context, name);
            if (b != null && b.getState() != Bundle.ACTIVE) {
                try {
                    b.start(Bundle.START_TRANSIENT);
                } catch (BundleException e) {
                    if (REQUIRED.contains(name)) {
                        missing.add(name + " (" + e.getMessage() + ")");
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("The console cannot run a local server: " + String.join(", ", missing));
        }
    }

    /** @return whether this bundle is there and started */
    static boolean active(BundleContext context, String name) {
        Bundle b = bundle(context, name);
        return b != null && b.getState() == Bundle.ACTIVE;
    }

    private static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
