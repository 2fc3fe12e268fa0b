package io.switchboard.sip.api.provisioning;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The outbound route table. Changes are validated (pattern, time window, existing trunks) and posted as
 * {@link ProvisioningEvents}. Every change keeps the whole table as a new {@link RouteVersion}, so
 * that an admin can see what changed, compare versions and roll back.
 */
@ProviderType
public interface RouteService {

    /** @return every route, in the order they are tried */
    List<Route> routes();

    Optional<Route> route(String name);

    /** @return the route as stored */
    default Route save(Route route) {
        return save(route, null);
    }

    /**
     * Saves a route and keeps the new table as a version.
     *
     * @param author who made the change (the API's user), or null for the system
     * @return the route as stored
     */
    Route save(Route route, String author);

    /**
     * Saves a route only when the route stored under its name passes the check, both in the one
     * transaction that writes it: a change made from a stale form is refused, never written over
     * another admin's.
     *
     * @param stored judges what is stored under the route's name, empty when nothing is
     * @throws RuntimeException the store's {@code StaleVersionException} when the check fails
     * @since 1.9
     */
    default Route save(Route route, String author, Predicate<Optional<Route>> stored) {
        throw new UnsupportedOperationException("This route store cannot check a route in the write that saves it");
    }

    /** @return false when there was no such route */
    default boolean delete(String name) {
        return delete(name, null);
    }

    /** Deletes a route and keeps the new table as a version; false when there was no such route. */
    boolean delete(String name, String author);

    /** @return every version of the route table, newest first */
    List<RouteVersion> versions();

    /** @return the route table as it was in that version, empty when there is no such version */
    Optional<List<Route>> routesAt(int version);

    /**
     * @return what changed from one version to another, route by route
     * @throws IllegalArgumentException naming the version that does not exist
     */
    RouteDiff diff(int from, int to);

    /**
     * Puts the table of an earlier version back, as a new version.
     *
     * @return the new version
     * @throws IllegalArgumentException when there is no such version, or it names a trunk that no longer exists
     */
    RouteVersion rollback(int version, String author);
}
