package io.switchboard.sip.api.provisioning;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The trunks to carriers, as stored; their live state is {@link io.switchboard.sip.api.TrunkHealth}'s.
 * Changes are validated and posted as {@link ProvisioningEvents}.
 */
@ProviderType
public interface TrunkService {

    /** @return every trunk, by name */
    List<Trunk> trunks();

    Optional<Trunk> trunk(String name);

    /**
     * Creates or replaces a trunk.
     *
     * @param password the carrier password (stored encrypted), or null to keep the stored one
     * @return the trunk as stored
     */
    Trunk save(Trunk trunk, String password);

    /** @return false when there was no such trunk */
    boolean delete(String name);
}
