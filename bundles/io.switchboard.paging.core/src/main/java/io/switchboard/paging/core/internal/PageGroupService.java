package io.switchboard.paging.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.paging.api.PageGroup;
import io.switchboard.paging.api.PageGroups;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.store.api.Store;
import io.switchboard.store.rows.RefreshedRows;

/**
 * The page groups, kept in the database and answered from memory, read again within a few seconds of a change
 * another server made, so that every server behind the edge pages the same phones.
 */
@Component(service = { PageGroups.class, PageGroupService.class }, configurationPid = PagingSettings.PID)
public class PageGroupService implements PageGroups {

    private static final Logger LOG = System.getLogger(PageGroupService.class.getName());
    /** How soon a change another server made is followed here. */
    static final int REFRESH_SECONDS = 5;

    private final PageGroupTable table;
    private final PageCheck check;
    private final RefreshedRows<PageGroup> groups;

    @Activate
    public PageGroupService(@Reference Store store, @Reference UserService users, BundleContext context,
            PagingSettings settings) {
        store.migrate(context.getBundle(), "db/io.switchboard.paging.core.changelog.xml");
        this.table = new PageGroupTable(store.dataSource());
        this.check = new PageCheck(name -> users.user(name).isPresent(), settings.account());
        this.groups = new RefreshedRows<>("page groups", table::all, REFRESH_SECONDS);
    }

    @Deactivate
    void stop() {
        groups.close();
    }

    /** @param listener told (on the thread that read them) when the groups changed */
    void listen(Runnable listener) {
        groups.listen(listener);
    }

    void unlisten(Runnable listener) {
        groups.unlisten(listener);
    }

    @Override
    public List<PageGroup> groups() {
        return List.copyOf(groups.all().values());
    }

    @Override
    public Optional<PageGroup> group(String name) {
        return Optional.ofNullable(name == null ? null : groups.all().get(name));
    }

    @Override
    public PageGroup save(PageGroup group, long expectedVersion) {
        check.check(group);
        PageGroup saved = table.put(group, expectedVersion);
        LOG.log(Level.INFO, "Page group " + saved.name() + " saved, version " + saved.version() + ": "
                + saved.members());
        groups.reload();
        return saved;
    }

    @Override
    public boolean delete(String name) {
        boolean deleted = table.delete(name);
        if (deleted) {
            LOG.log(Level.INFO, "Page group " + name + " deleted");
            groups.reload();
        }
        return deleted;
    }
}
