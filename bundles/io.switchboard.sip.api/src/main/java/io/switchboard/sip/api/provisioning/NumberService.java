package io.switchboard.sip.api.provisioning;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The number inventory (DIDs). Changes are validated and posted as {@link ProvisioningEvents}. */
@ProviderType
public interface NumberService {

    /** @return every number, in order */
    List<PhoneNumber> numbers();

    /** @param number in E.164 form */
    Optional<PhoneNumber> number(String number);

    /**
     * @return why this number cannot be saved (not E.164, a destination that is no user name, an
     *         emergency address too long), or empty when it can: bulk imports check each line with it
     */
    Optional<String> problem(PhoneNumber number);

    /**
     * Creates or replaces numbers, all or none, whatever version each is at (an import); each one's version is raised.
     *
     * @throws IllegalArgumentException naming the first bad number; then nothing was saved
     */
    void save(List<PhoneNumber> numbers);

    /**
     * Creates or replaces one number if the stored one is at the version the change was made against: two admins'
     * changes made against the same version cannot both land.
     *
     * @param expectedVersion the version the change was made against: 0 for a new number, -1 for whatever is stored
     * @return the number as stored, with its new version
     * @throws IllegalArgumentException when the number cannot be saved ({@link #problem})
     * @throws RuntimeException the store's {@code StaleVersionException} when the stored number is at another version
     * @since 1.8
     */
    PhoneNumber save(PhoneNumber number, long expectedVersion);

    /** @return false when there was no such number */
    boolean delete(String number);

    /** @return the first number, in order, whose calls go to this user: its caller ID on calls out */
    Optional<String> numberOf(String user);
}
