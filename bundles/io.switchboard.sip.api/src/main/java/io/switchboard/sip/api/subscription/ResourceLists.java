package io.switchboard.sip.api.subscription;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Named lists of users that a phone watches with one subscription (RFC 4662): a receptionist's
 * busy lamp field. Register it as an OSGi service; the switch asks it when a SUBSCRIBE names no user.
 */
@ConsumerType
public interface ResourceLists {

    /** @return the users of the list of this name, in order, or empty when there is no such list */
    Optional<List<String>> members(String list);
}
