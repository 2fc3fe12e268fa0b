package io.switchboard.sip.api.provisioning;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The SIP users. Changes are validated (a bad value is refused with an {@link IllegalArgumentException}
 * naming the field) and posted as {@link ProvisioningEvents}.
 */
@ProviderType
public interface UserService {

    /** @return every user, by name */
    List<SipUser> users();

    Optional<SipUser> user(String name);

    /**
     * Creates a user or changes its display name, enabled flag and algorithms.
     *
     * @param password the new password (8 characters or more), or null to keep the stored one; required
     *            for a new user. Only its digest hashes are stored.
     * @return the user as stored
     */
    SipUser save(SipUser user, String password);

    /**
     * Creates or changes a user and, in the same write, what it may call, if the stored user is at the version
     * the change was made against: two admins' changes made against the same version cannot both land.
     *
     * @param password the new password, or null to keep the stored one; required for a new user
     * @param policy what the user may call, or null to keep the stored policy
     * @param expectedVersion the version the change was made against: 0 for a new user, -1 for whatever is stored
     * @return the user as stored, with its new version
     * @throws RuntimeException the store's {@code StaleVersionException} when the stored user is at another version
     * @since 1.8
     */
    SipUser save(SipUser user, String password, CallingPolicy policy, long expectedVersion);

    /** @return false when there was no such user */
    boolean delete(String name);

    /**
     * @return what the user may call, as stored: null fields take the server's defaults; empty when
     *         there is no such user
     */
    Optional<CallingPolicy> policy(String name);

    /**
     * Sets what the user may call; posted as a change of the user, whose version it raises.
     *
     * @throws IllegalArgumentException when there is no such user
     */
    CallingPolicy savePolicy(String name, CallingPolicy policy);
}
