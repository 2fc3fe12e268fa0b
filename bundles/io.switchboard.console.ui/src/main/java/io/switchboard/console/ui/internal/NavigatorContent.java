package io.switchboard.console.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;

import io.switchboard.console.ui.NavigatorObject;
import io.switchboard.console.ui.internal.NavigatorNode.Area;
import io.switchboard.console.ui.internal.NavigatorNode.Item;
import io.switchboard.console.ui.internal.NavigatorNode.Note;
import io.switchboard.console.ui.internal.ServerRegistry.State;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.ServerWork;

/**
 * The navigator's tree: the servers, each connected one with the areas' nodes, and below a node
 * its objects, read from that server in a job the first time the node opens and kept until the
 * admin refreshes.
 */
final class NavigatorContent implements ITreeContentProvider {

    private final ServerRegistry registry;
    private final NavigatorAreas areas;
    private final ServerClients clients;
    private final TreeViewer viewer;
    private final Map<Area, List<? extends NavigatorNode>> loaded = new ConcurrentHashMap<>();

    NavigatorContent(ServerRegistry registry, NavigatorAreas areas, ServerClients clients, TreeViewer viewer) {
        this.registry = registry;
        this.areas = areas;
        this.clients = clients;
        this.viewer = viewer;
    }

    @Override
    public Object[] getElements(Object input) {
        return registry.connections().toArray();
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (parent instanceof ServerConnection c) {
            return registry.status(c).state() != State.CONNECTED ? new Object[0]
                    : areas.list().stream().map(a -> new Area(c, a)).toArray();
        }
        if (parent instanceof Area area && area.area().editorURI() != null) {
            List<? extends NavigatorNode> have = loaded.get(area);
            if (have != null) {
                return have.toArray();
            }
            load(area);
            return new Object[] { new Note(area, "Loading…") };
        }
        return new Object[0];
    }

    private void load(Area area) {
        loaded.put(area, List.of(new Note(area, "Loading…")));
        ServerWork.run(viewer.getControl(), "Loading " + area.area().label() + " of " + area.server().name(),
                () -> area.area().objects(clients.client(area.server())), (List<NavigatorObject> objects) -> {
                    loaded.put(area, objects.isEmpty() ? List.of(new Note(area, "(none)"))
                            : objects.stream().map(o -> new Item(area, o)).toList());
                    viewer.refresh(area);
                }, e -> {
                    loaded.put(area, List.of(new Note(area, ErrorDialogs.reason(e))));
                    viewer.refresh(area);
                });
    }

    /** Forgets what was read from servers no longer connected: after the next connect it is read again. */
    void forgetDisconnected() {
        loaded.keySet().removeIf(a -> registry.status(a.server()).state() != State.CONNECTED);
    }

    /** Forgets what was read, so that open nodes read their objects again. */
    void reload() {
        loaded.clear();
    }

    @Override
    public Object getParent(Object element) {
        return switch (element) {
            case Area a -> a.server();
            case Item i -> i.parent();
            case Note n -> n.parent();
            default -> null;
        };
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof ServerConnection c ? registry.status(c).state() == State.CONNECTED
                : element instanceof Area a && a.area().editorURI() != null;
    }
}
