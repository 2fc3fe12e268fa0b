package io.switchboard.emergency.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The address book of dispatchable locations and where each applies, and the resolution of an
 * emergency call's location. Implemented by {@code io.switchboard.emergency.core}; used by the
 * softswitch on the call path, the management API and the console. Thread-safe.
 */
@ProviderType
public interface EmergencyLocations {

    /**
     * The location of an emergency call, resolved in the order the admin chose (the phone's network,
     * its user, its number); quick enough for the call path.
     */
    DispatchLocation locate(EmergencyCaller caller);

    /** @return whether the trunk takes the location by value (a PIDF-LO body and Geolocation header) */
    boolean takesLocation(String trunk);

    List<Location> locations();

    Optional<Location> location(String name);

    /**
     * Adds or replaces a location.
     *
     * @throws IllegalArgumentException naming the first field that is not valid
     */
    Location save(Location location);

    /** @return whether there was such a location; @throws IllegalArgumentException while something is assigned to it */
    boolean delete(String name);

    List<Assignment> assignments();

    /** @throws IllegalArgumentException naming what is wrong: the kind, the key, an unknown location */
    Assignment assign(Assignment assignment);

    /** @return whether there was such an assignment */
    boolean unassign(String kind, String key);

    /** @return the users marked nomadic, with where their phones were last seen */
    List<NomadicUser> nomadicUsers();

    /** Marks a user nomadic or not. */
    void nomadic(String user, boolean nomadic);

    /** @return the users with no dispatchable location: none resolves for them from anything the switch knows */
    List<String> unlocated();
}
