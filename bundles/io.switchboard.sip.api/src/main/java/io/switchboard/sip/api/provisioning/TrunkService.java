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

    /**
     * Creates or replaces a trunk if the stored one is at the version the change was made against: two admins'
     * changes made against the same version cannot both land.
     *
     * @param password the carrier password (stored encrypted), or null to keep the stored one
     * @param expectedVersion the version the change was made against: 0 for a new trunk, -1 for whatever is stored
     * @return the trunk as stored, with its new version
     * @throws RuntimeException the store's {@code StaleVersionException} when the stored trunk is at another version
     * @since 1.7
     */
    Trunk save(Trunk trunk, String password, long expectedVersion);

    /** @return false when there was no such trunk */
    boolean delete(String name);
}
