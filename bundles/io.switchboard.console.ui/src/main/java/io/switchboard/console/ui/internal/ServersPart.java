package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.internal.ServerRegistry.State;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.ServerOverview;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** The Servers navigator: the known servers with their state; add, edit, remove, connect. */
public class ServersPart {

    @Inject
    private ServerRegistry registry;
    @Inject
    private ESelectionService selection;
    @Inject
    private UISynchronize ui;
    @Inject
    private Shell shell;
    @Inject
    private LocalServer localServer;

    private TableViewer viewer;
    private Button edit;
    private Button remove;
    private Button connect;
    private Button disconnect;
    private Button local;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        Composite buttons = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).equalWidth(false).applyTo(buttons);
        button(buttons, "Add…", "servers.add", this::add);
        edit = button(buttons, "Edit…", "servers.edit", this::edit);
        remove = button(buttons, "Remove", "servers.remove", this::remove);
        connect = button(buttons, "Connect", "servers.connect", this::connect);
        disconnect = button(buttons, "Disconnect", "servers.disconnect", this::disconnect);
        local = button(buttons, localServer.running() ? "Stop Local Server" : "Start Local Server", "servers.local",
                this::toggleLocalServer);

        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setData(ServerDialog.ID, "servers.table");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getTable());
        Columns.add(viewer, "Name", 140, (ServerConnection c) -> c.name());
        Columns.add(viewer, "Address", 180, (ServerConnection c) -> c.url());
        Columns.add(viewer, "State", 110, (ServerConnection c) -> {
            ServerRegistry.Status s = registry.status(c);
            return s.state() == State.CONNECTED ? "connected" : s.state().name().toLowerCase();
        });
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addSelectionChangedListener(e -> {
            selection.setSelection(selected());
            registry.select(selected());
            updateButtons();
        });
        viewer.addDoubleClickListener(e -> connect());
        refresh();
    }

    private static Button button(Composite parent, String label, String id, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(label);
        b.setData(ServerDialog.ID, id);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    @Inject
    @Optional
    void serversChanged(@UIEventTopic(ServerRegistry.TOPIC) Object event) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            refresh();
        }
    }

    private void refresh() {
        ServerConnection keep = selected();
        List<ServerConnection> all = registry.connections();
        viewer.setInput(all);
        if (keep != null) {
            all.stream().filter(c -> c.id().equals(keep.id())).findFirst()
                    .ifPresent(c -> viewer.setSelection(new StructuredSelection(c)));
        }
        updateButtons();
    }

    private void updateButtons() {
        ServerConnection c = selected();
        State state = c == null ? null : registry.status(c).state();
        edit.setEnabled(c != null);
        remove.setEnabled(c != null);
        connect.setEnabled(c != null && state != State.CONNECTING);
        disconnect.setEnabled(state == State.CONNECTED);
    }

    private ServerConnection selected() {
        return viewer == null ? null
                : (ServerConnection) ((IStructuredSelection) viewer.getSelection()).getFirstElement();
    }

    private void add() {
        ServerDialog dialog = new ServerDialog(shell, null);
        if (dialog.open() == Window.OK) {
            save(dialog).ifPresent(c -> {
                refresh();
                viewer.setSelection(new StructuredSelection(c), true);
                connect();
            });
        }
    }

    private void edit() {
        ServerConnection c = selected();
        if (c == null) {
            return;
        }
        ServerDialog dialog = new ServerDialog(shell, c);
        if (dialog.open() == Window.OK) {
            registry.setStatus(c, new ServerRegistry.Status(State.DISCONNECTED, null, null));
            save(dialog);
        }
    }

    private java.util.Optional<ServerConnection> save(ServerDialog dialog) {
        try {
            return java.util.Optional.of(registry.save(dialog.result(), dialog.password()));
        } catch (IOException e) {
            MessageDialog.openError(shell, "Cannot save the server", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private void remove() {
        ServerConnection c = selected();
        if (c != null && MessageDialog.openConfirm(shell, "Remove server",
                "Remove '" + c.name() + "' from this console? The server itself is not touched.")) {
            try {
                registry.remove(c);
            } catch (IOException e) {
                MessageDialog.openError(shell, "Cannot remove the server", e.getMessage());
            }
        }
    }

    /** Starts or stops the server embedded in this console, in a job. */
    private void toggleLocalServer() {
        boolean stop = localServer.running();
        local.setEnabled(false);
        Job job = Job.create((stop ? "Stopping" : "Starting") + " the local server", (IProgressMonitor monitor) -> {
            try {
                if (stop) {
                    localServer.stop();
                    registry.connections().stream().filter(c -> c.id().equals(LocalServer.CONNECTION_ID)).findFirst()
                            .ifPresent(c -> registry.setStatus(c,
                                    new ServerRegistry.Status(State.DISCONNECTED, null, "stopped")));
                } else {
                    ServerConnection c = localServer.start();
                    ui.asyncExec(() -> {
                        refresh();
                        viewer.setSelection(new StructuredSelection(c), true);
                        connect(c);
                    });
                }
            } catch (IOException | RuntimeException e) {
                ui.asyncExec(() -> MessageDialog.openError(shell, "Local server", e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ui.asyncExec(() -> {
                    if (!local.isDisposed()) {
                        local.setText(localServer.running() ? "Stop Local Server" : "Start Local Server");
                        local.setEnabled(true);
                        local.getParent().layout();
                    }
                });
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }

    private void disconnect() {
        ServerConnection c = selected();
        if (c != null) {
            registry.setStatus(c, new ServerRegistry.Status(State.DISCONNECTED, null, null));
        }
    }

    private void connect() {
        ServerConnection c = selected();
        if (c != null) {
            connect(c);
        }
    }

    /** Connects in a background job with progress; the answer lands in the registry. */
    private void connect(ServerConnection c) {
        registry.setStatus(c, new ServerRegistry.Status(State.CONNECTING, null, null));
        Job job = Job.create("Connecting to " + c.name(), (IProgressMonitor monitor) -> {
            monitor.beginTask("Connecting to " + c.name() + " at " + c.url(), 2);
            try {
                String password = registry.password(c).orElse("");
                monitor.worked(1);
                ServerOverview overview = new ManagementClient(c.url(), c.user(), password).overview();
                monitor.worked(1);
                registry.setStatus(c, new ServerRegistry.Status(State.CONNECTED, overview, null));
            } catch (ManagementException | IOException | IllegalArgumentException e) {
                registry.setStatus(c, new ServerRegistry.Status(State.FAILED, null, e.getMessage()));
                ui.asyncExec(() -> MessageDialog.openError(shell, "Cannot connect to " + c.name(), e.getMessage()));
            } finally {
                monitor.done();
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }

}
