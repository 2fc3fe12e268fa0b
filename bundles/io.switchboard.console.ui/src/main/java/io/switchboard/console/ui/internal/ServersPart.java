package io.switchboard.console.ui.internal;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

import io.switchboard.console.ui.internal.ServerRegistry.State;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Servers navigator: the known servers with their state. Its buttons run the Server menu's
 * commands, so they do what the menu and the key bindings do and are enabled when those are.
 */
public class ServersPart {

    static final String COMMANDS = "io.switchboard.console.ui.command.";

    @Inject
    private ServerRegistry registry;
    @Inject
    private ESelectionService selection;
    @Inject
    private ECommandService commands;
    @Inject
    private EHandlerService handlers;
    @Inject
    private LocalServer localServer;

    private static boolean readyLogged;

    private TableViewer viewer;
    private final Map<Button, String> buttons = new java.util.LinkedHashMap<>();
    private Button local;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).equalWidth(false).applyTo(bar);
        command(bar, "Add…", "servers.add", "addServer");
        command(bar, "Edit…", "servers.edit", "editServer");
        command(bar, "Remove", "servers.remove", "removeServer");
        command(bar, "Connect", "servers.connect", "connect");
        command(bar, "Disconnect", "servers.disconnect", "disconnect");
        local = command(bar, localLabel(), "servers.local", "localServer");

        viewer = Columns.viewer(parent, "servers.table", SWT.SINGLE);
        Columns.add(viewer, "Name", 140, (ServerConnection c) -> c.name());
        Columns.add(viewer, "Address", 180, (ServerConnection c) -> c.url());
        Columns.add(viewer, "State", 110, (ServerConnection c) -> {
            ServerRegistry.Status s = registry.status(c);
            return s.state() == State.CONNECTED ? "connected" : s.state().name().toLowerCase();
        });
        viewer.addSelectionChangedListener(e -> {
            ServerConnection c = selected();
            selection.setSelection(c);
            if (c == null ? registry.selected() != null : !c.equals(registry.selected())) {
                registry.select(c);
            }
            updateButtons();
        });
        viewer.addDoubleClickListener(e -> run("connect"));
        refresh();
        parent.getDisplay().asyncExec(ServersPart::ready);
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

    private Button command(Composite parent, String label, String id, String command) {
        Button b = Widgets.button(parent, label, id, () -> run(command));
        buttons.put(b, command);
        return b;
    }

    private void run(String command) {
        ParameterizedCommand c = commands.createCommand(COMMANDS + command, null);
        if (handlers.canExecute(c)) {
            handlers.executeHandler(c);
        }
    }

    private String localLabel() {
        return localServer.running() ? "Stop Local Server" : "Start Local Server";
    }

    @Inject
    @Optional
    void serversChanged(@UIEventTopic(ServerRegistry.TOPIC) Object event) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            refresh();
        }
    }

    @Inject
    @Optional
    void selectedElsewhere(@UIEventTopic(ServerRegistry.TOPIC_SELECTED) Object event) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            refresh();
        }
    }

    private void refresh() {
        ServerConnection keep = registry.selected();
        List<ServerConnection> all = registry.connections();
        viewer.setInput(all);
        if (keep != null) {
            all.stream().filter(c -> c.id().equals(keep.id())).findFirst()
                    .ifPresent(c -> viewer.setSelection(new StructuredSelection(c), true));
        }
        local.setText(localLabel());
        local.getParent().layout();
        updateButtons();
    }

    private void updateButtons() {
        buttons.forEach((b, command) -> b.setEnabled(handlers.canExecute(commands.createCommand(COMMANDS + command,
                null))));
    }

    private ServerConnection selected() {
        return viewer == null ? null
                : (ServerConnection) ((IStructuredSelection) viewer.getSelection()).getFirstElement();
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }
}
