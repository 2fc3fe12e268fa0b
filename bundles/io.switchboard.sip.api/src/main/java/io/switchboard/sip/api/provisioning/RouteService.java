package io.switchboard.sip.api.provisioning;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The outbound route table. Changes are validated (pattern, time window, existing trunks) and posted as
 * {@link ProvisioningEvents}.
 */
@ProviderType
public interface RouteService {

    /** @return every route, in the order they are tried */
    List<Route> routes();

    Optional<Route> route(String name);

    /** @return the route as stored */
    Route save(Route route);

    /** @return false when there was no such route */
    boolean delete(String name);
}
