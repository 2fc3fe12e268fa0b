package io.switchboard.paging.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.switchboard.store.api.StaleVersionException;

/** The page groups, kept in the database; every server behind the edge answers with the same. */
@ProviderType
public interface PageGroups {

    /** @return every group, by name */
    List<PageGroup> groups();

    Optional<PageGroup> group(String name);

    /**
     * Stores a group, checked first: a name a user has, a member who is no user, or no member, is refused naming it.
     *
     * @param expectedVersion the version the change was made against: 0 for a new group, -1 for whatever is stored
     * @return the group as stored, with its new version
     * @throws IllegalArgumentException naming what is wrong
     * @throws StaleVersionException when the stored group is not at {@code expectedVersion}
     */
    PageGroup save(PageGroup group, long expectedVersion);

    /** @return false when there was no such group */
    boolean delete(String name);
}
