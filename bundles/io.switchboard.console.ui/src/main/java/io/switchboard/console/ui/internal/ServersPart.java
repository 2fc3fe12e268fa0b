package io.switchboard.console.ui.internal;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.menu.MToolBarElement;
import org.eclipse.e4.ui.model.application.ui.menu.MToolItem;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.Refreshable;
import io.switchboard.console.ui.internal.NavigatorNode.Area;
import io.switchboard.console.ui.internal.NavigatorNode.Item;
import io.switchboard.console.ui.internal.NavigatorNode.Note;
import io.switchboard.console.ui.internal.ServerRegistry.State;
import io.switchboard.console.ui.widgets.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Servers navigator: a tree of the known servers with their state and, under each connected
 * one, the nodes areas and plugins contribute with their objects. Its toolbar and context menu are
 * the model's (plugins' fragments extend both); a double-click or Enter opens what is selected.
 */
public class ServersPart implements Refreshable {

    static final String LOCAL_ITEM = "io.switchboard.console.ui.toolitem.localServer";

    @Inject
    private ServerRegistry registry;
    @Inject
    private ServerClients clients;
    @Inject
    private NavigatorAreas areas;
    @Inject
    private NavigatorOpener opener;
    @Inject
    private ESelectionService selection;
    @Inject
    private LocalServer localServer;
    @Inject
    private IEventBroker events;
    @Inject
    private MPart part;
    @Inject
    private EMenuService menus;
    @Inject
    private EPartService parts;
    @Inject
    private EModelService models;
    @Inject
    private MApplication application;
    @Inject
    private Shell shell;

    private static boolean readyLogged;

    private TreeViewer viewer;
    private NavigatorContent content;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.BORDER | SWT.FULL_SELECTION);
        Widgets.id(viewer.getTree(), "servers.tree");
        viewer.getTree().setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getTree());
        column("Name", 160, this::name);
        column("State", 80, n -> n instanceof ServerConnection c ? state(c) : "");
        column("Address", 170, n -> n instanceof ServerConnection c ? c.url() : "");
        content = new NavigatorContent(registry, areas, clients, viewer);
        viewer.setContentProvider(content);
        viewer.addSelectionChangedListener(e -> {
            Object node = ((IStructuredSelection) e.getSelection()).getFirstElement();
            // what plugins' menu items see: an object as the area listed it
            selection.setSelection(node instanceof Item i ? i.object() : node);
            ServerConnection c = node instanceof ServerConnection s ? s
                    : node instanceof NavigatorNode n ? n.server() : null;
            if (c != null && !c.equals(registry.selected())) {
                registry.select(c);
            }
            enablement();
        });
        viewer.addOpenListener(e -> {
            Object node = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (node instanceof ServerConnection c && registry.status(c).state() == State.CONNECTED) {
                viewer.setExpandedState(c, !viewer.getExpandedState(c));
            } else if (node != null && opener.opens(node)) {
                opener.open(node, shell, parts, models, application);
            }
        });
        menus.registerContextMenu(viewer.getControl(), part.getElementId() + ".popup");
        viewer.setInput(registry);
        refreshTree();
        parent.getDisplay().asyncExec(ServersPart::ready);
    }

    private void column(String title, int width, Function<Object, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }
        });
    }

    private String name(Object node) {
        return switch (node) {
            case ServerConnection c -> c.name();
            case Area a -> a.area().label();
            case Item i -> i.object().label();
            case Note n -> n.text();
            default -> String.valueOf(node);
        };
    }

    private String state(ServerConnection c) {
        ServerRegistry.Status s = registry.status(c);
        return s.state() == State.CONNECTED ? "connected" : s.state() == State.LOST ? "not answering, reconnecting"
                : s.state().name().toLowerCase();
    }

    /** Once per process, when the event loop first runs: how long a start takes (releng/bench-console.sh reads it). */
    private static void ready() {
        if (!readyLogged) {
            readyLogged = true;
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.getLogger(ServersPart.class.getName()).log(System.Logger.Level.INFO,
                    "Console ready: the Servers view answers " + ms + " ms after the JVM started");
        }
    }

    @Inject
    @Optional
    void serversChanged(@UIEventTopic(ServerRegistry.TOPIC) Object event) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            refreshTree();
        }
    }

    @Inject
    @Optional
    void selectedElsewhere(@UIEventTopic(ServerRegistry.TOPIC_SELECTED) Object event) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            follow();
            enablement();
        }
    }

    /** The tree's selection follows a server selected elsewhere (one just added, by a handler). */
    private void follow() {
        ServerConnection c = registry.selected();
        Object node = selectedNode();
        ServerConnection at = node instanceof ServerConnection s ? s : node instanceof NavigatorNode n ? n.server() : null;
        if (c != null && !c.equals(at)) {
            viewer.setSelection(new StructuredSelection(c), true);
        }
    }

    @Inject
    @Optional
    void objectsChanged(@UIEventTopic(ConsoleEvents.OBJECTS_CHANGED) Object event) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            refresh();
        }
    }

    /** View, Refresh (F5) here: the servers' states and every open node's objects read again. */
    @Override
    public void refresh() {
        content.reload();
        refreshTree();
    }

    private void refreshTree() {
        content.forgetDisconnected();
        viewer.refresh();
        follow();
        for (MToolBarElement item : part.getToolbar() == null ? List.<MToolBarElement>of()
                : part.getToolbar().getChildren()) {
            if (LOCAL_ITEM.equals(item.getElementId()) && item instanceof MToolItem local) {
                local.setLabel(localServer.running() ? "Stop Local" : "Start Local");
            }
        }
        enablement();
    }

    /** The toolbar's items and the menus follow the selection and the connection states at once. */
    private void enablement() {
        events.send(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
    }

    /** @return the node selected in the tree (a server, an area's node, an object), or null */
    Object selectedNode() {
        return viewer == null ? null : ((IStructuredSelection) viewer.getSelection()).getFirstElement();
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
