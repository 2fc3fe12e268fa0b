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
     * Creates or replaces numbers, all or none.
     *
     * @throws IllegalArgumentException naming the first bad number; then nothing was saved
     */
    void save(List<PhoneNumber> numbers);

    /** @return false when there was no such number */
    boolean delete(String number);

    /** @return the first number, in order, whose calls go to this user: its caller ID on calls out */
    Optional<String> numberOf(String user);
}
