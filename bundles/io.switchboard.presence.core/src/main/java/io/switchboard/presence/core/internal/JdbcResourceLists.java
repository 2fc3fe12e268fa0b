package io.switchboard.presence.core.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.subscription.ResourceLists;
import io.switchboard.store.api.Store;

/** Resource lists kept in the database, so that every server of a cluster serves the same ones. */
@Component(service = { ResourceLists.class, JdbcResourceLists.class })
public class JdbcResourceLists implements ResourceLists {

    /** A list holds at most this many users: a NOTIFY of all of them must stay sendable over TCP. */
    static final int MAX_MEMBERS = 200;

    private final ListTable table;

    @Activate
    public JdbcResourceLists(@Reference Store store, BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.presence.core.changelog.xml");
        this.table = new ListTable(store.dataSource());
    }

    @Override
    public Optional<List<String>> members(String list) {
        return table.members(list);
    }

    Map<String, List<String>> all() {
        return table.all();
    }

    boolean save(String name, List<String> members) {
        return table.save(name, members);
    }

    boolean delete(String name) {
        return table.delete(name);
    }
}
