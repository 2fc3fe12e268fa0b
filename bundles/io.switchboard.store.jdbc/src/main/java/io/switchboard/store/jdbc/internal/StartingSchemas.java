package io.switchboard.store.jdbc.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;

import liquibase.resource.OSGiResourceAccessor;

/**
 * Applies, when the store starts, the changelogs that the installed bundles name in their
 * {@value #HEADER} header, in one Liquibase run. Each bundle still calls {@code Store.migrate} before it
 * touches its tables; that call then only reads its changelog's digest. A bundle installed later, or one
 * whose changelog fails here, is migrated by that call on its own, which reports its error.
 */
final class StartingSchemas {

    /** The manifest header naming a bundle's changelog inside the bundle. */
    static final String HEADER = "Switchboard-Schema";

    private static final Logger LOG = System.getLogger(StartingSchemas.class.getName());

    private StartingSchemas() {
    }

    static void apply(BundleContext context, DataSource dataSource) {
        List<Migrator.Changelog> changelogs = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        // by bundle id, the order of installation, so that every start applies them in the same order
        for (Bundle bundle : Arrays.stream(context.getBundles()).sorted(Comparator.comparingLong(Bundle::getBundleId))
                .toList()) {
            String changelog = bundle.getHeaders("").get(HEADER);
            // Liquibase reads through the bundle's class loader: one not resolved yet migrates on its own later
            if (changelog != null && bundle.adapt(BundleWiring.class) != null && bundle.getEntry(changelog) != null) {
                changelogs.add(new Migrator.Changelog(new OSGiResourceAccessor(bundle), changelog));
                owners.add(bundle.getSymbolicName());
            }
        }
        if (changelogs.isEmpty()) {
            return;
        }
        try {
            int applied = Migrator.applyAll(dataSource, changelogs);
            LOG.log(Level.INFO, "Schemas of {0} bundle(s): {1} changeset(s) applied", owners.size(), applied);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Schemas of " + String.join(", ", owners)
                    + " could not be applied together; each bundle applies its own: " + e.getMessage());
        }
    }
}
