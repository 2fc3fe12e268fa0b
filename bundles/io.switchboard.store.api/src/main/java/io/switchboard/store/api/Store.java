package io.switchboard.store.api;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * The database of a Switchboard server.
 *
 * <p>Implemented by the platform ({@code io.switchboard.store.jdbc}); used by every bundle that
 * keeps state. A bundle owns its tables: it ships a Liquibase changelog and calls
 * {@link #migrate(Bundle, String)} from its component's activate method before it touches them.
 * A schema change is always a new changeset, never an edit of an applied one.
 *
 * <p>A bundle also names its changelog in its manifest, {@code Switchboard-Schema: db/<bundle>.changelog.xml}:
 * the changelogs of the bundles installed when the store starts are applied together, in one Liquibase
 * run, and each bundle's own {@code migrate} call then finds its schema current at the cost of one read.
 *
 * <p>Thread-safe. The data source is pooled: borrow a connection per unit of work and close it.
 */
@ProviderType
public interface Store {

    /** @return the pooled data source of this store */
    DataSource dataSource();

    /** @return which database product this store runs on */
    Dialect dialect();

    /** @return where the store is, for admins and logs: the JDBC URL without credentials */
    String location();

    /**
     * Applies the changesets of a changelog that are not applied yet. Idempotent; safe to call
     * from several bundles at once (the changelog lock serialises them).
     *
     * @param owner the bundle that holds the changelog and owns its tables
     * @param changelog path of the changelog inside the owner bundle, for example
     *            {@code db/io.switchboard.mgmt.core.changelog.xml}; it must be unique
     *            across bundles because Liquibase records changesets by path
     * @return how many changesets were applied by this call (0 when the schema was current)
     * @throws StoreException when the changelog is missing or a changeset fails
     */
    int migrate(Bundle owner, String changelog);
}
