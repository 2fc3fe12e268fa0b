package io.switchboard.attendant.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.attendant.api.Menu;
import io.switchboard.attendant.api.Menus;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.routing.RoutingService;
import io.switchboard.store.api.Store;
import io.switchboard.store.rows.RefreshedRows;

/**
 * The menus, kept in the database and answered from memory: read again after each change here and every few
 * seconds for the changes another server made, so that every server behind the edge answers with the same.
 */
@Component(service = { Menus.class, MenuService.class })
public class MenuService implements Menus {

    private static final Logger LOG = System.getLogger(MenuService.class.getName());
    /** How soon a change another server made is followed here. */
    static final int REFRESH_SECONDS = 5;

    private final MenuTable table;
    private final MenuCheck check;
    private final Prompts prompts;
    private final RefreshedRows<Menu> menus;

    @Activate
    public MenuService(@Reference Store store, @Reference UserService users, @Reference RoutingService routing,
            BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.attendant.core.changelog.xml");
        this.table = new MenuTable(store.dataSource());
        this.prompts = new Prompts(Path.of(String.valueOf(context.getProperty("switchboard.data")), "attendant",
                "prompts"));
        this.check = new MenuCheck(name -> users.user(name).isPresent(), routing, prompts, this::menu);
        this.menus = new RefreshedRows<>("menus", table::all, REFRESH_SECONDS);
    }

    @Deactivate
    void stop() {
        menus.close();
    }

    /** @param listener told (on the thread that read them) when the menus changed */
    void listen(Runnable listener) {
        menus.listen(listener);
    }

    void unlisten(Runnable listener) {
        menus.unlisten(listener);
    }

    Prompts clips() {
        return prompts;
    }

    @Override
    public List<Menu> menus() {
        return List.copyOf(menus.all().values());
    }

    @Override
    public Optional<Menu> menu(String name) {
        return Optional.ofNullable(name == null ? null : menus.all().get(name));
    }

    @Override
    public Menu save(Menu menu, long expectedVersion) {
        check.check(menu);
        Menu saved = table.put(menu, expectedVersion);
        LOG.log(Level.INFO, "Menu " + saved.name() + " saved, version " + saved.version());
        menus.reload();
        return saved;
    }

    @Override
    public boolean delete(String name) {
        boolean deleted = table.delete(name);
        if (deleted) {
            LOG.log(Level.INFO, "Menu " + name + " deleted");
            menus.reload();
        }
        return deleted;
    }

    @Override
    public List<String> prompts() {
        return Prompts.SHIPPED;
    }
}
