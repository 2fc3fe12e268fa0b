package io.switchboard.attendant.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.switchboard.store.api.StaleVersionException;

/** The auto attendant's menus, kept in the database; every server behind the edge answers with the same. */
@ProviderType
public interface Menus {

    /** @return every menu, by name */
    List<Menu> menus();

    Optional<Menu> menu(String name);

    /**
     * Stores a menu, checked first: a bad key, a destination no call can reach, a greeting with no prompt or file
     * behind it, or a name a user or another service has, is refused naming it.
     *
     * @param expectedVersion the version the change was made against: 0 for a new menu, -1 for whatever is stored
     * @return the menu as stored, with its new version
     * @throws IllegalArgumentException naming what is wrong
     * @throws StaleVersionException when the stored menu is not at {@code expectedVersion}
     */
    Menu save(Menu menu, long expectedVersion);

    /** @return false when there was no such menu */
    boolean delete(String name);

    /** @return the names of the prompts the server ships, which a greeting may name */
    List<String> prompts();
}
