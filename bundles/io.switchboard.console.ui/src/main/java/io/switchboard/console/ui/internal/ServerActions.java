package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.internal.ServerRegistry.State;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.ServerOverview;
import io.switchboard.mgmt.client.UntrustedCertificate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** What the Servers commands do; their handlers are one call each into here. */
@Creatable
@Singleton
public class ServerActions {

    private final ServerRegistry registry;
    private final LocalServer localServer;
    private final UISynchronize ui;
    private final ServerClients clients;

    @Inject
    public ServerActions(ServerRegistry registry, LocalServer localServer, UISynchronize ui, ServerClients clients) {
        this.registry = registry;
        this.clients = clients;
        this.localServer = localServer;
        this.ui = ui;
    }

    Optional<ServerConnection> selected() {
        return Optional.ofNullable(registry.selected());
    }

    State state() {
        ServerConnection c = registry.selected();
        return c == null ? null : registry.status(c).state();
    }

    void add(Shell shell) {
        ServerDialog dialog = new ServerDialog(shell, null);
        if (dialog.open() == Window.OK) {
            save(shell, dialog).ifPresent(c -> {
                registry.select(c);
                connect(shell, c);
            });
        }
    }

    void edit(Shell shell) {
        selected().ifPresent(c -> {
            ServerDialog dialog = new ServerDialog(shell, c);
            if (dialog.open() == Window.OK) {
                registry.setStatus(c, new ServerRegistry.Status(State.DISCONNECTED, null, null));
                save(shell, dialog);
            }
        });
    }

    private Optional<ServerConnection> save(Shell shell, ServerDialog dialog) {
        try {
            return Optional.of(registry.save(dialog.result(), dialog.password()));
        } catch (IOException e) {
            ErrorDialogs.show(shell, "Cannot save the server", e);
            return Optional.empty();
        }
    }

    void remove(Shell shell) {
        selected().filter(c -> MessageDialog.openConfirm(shell, "Remove server",
                "Remove '" + c.name() + "' from this console? The server itself is not touched.")).ifPresent(c -> {
                    try {
                        registry.remove(c);
                        registry.select(null);
                    } catch (IOException e) {
                        ErrorDialogs.show(shell, "Cannot remove the server", e);
                    }
                });
    }

    void disconnect() {
        selected().ifPresent(c -> registry.setStatus(c, new ServerRegistry.Status(State.DISCONNECTED, null, null)));
    }

    void connect(Shell shell) {
        selected().ifPresent(c -> connect(shell, c));
    }

    /** Connects in a background job with progress; the answer lands in the registry. */
    void connect(Shell shell, ServerConnection c) {
        clients.forget(c);
        registry.setStatus(c, new ServerRegistry.Status(State.CONNECTING, null, null));
        Job job = Job.create("Connecting to " + c.name(), (IProgressMonitor monitor) -> {
            monitor.beginTask("Connecting to " + c.name() + " at " + c.url(), 2);
            try {
                String password = registry.password(c).orElse("");
                monitor.worked(1);
                ServerOverview overview = new ManagementClient(c.url(), c.user(), password,
                        () -> registry.trustedCertificate(c)).overview();
                monitor.worked(1);
                registry.setStatus(c, new ServerRegistry.Status(State.CONNECTED, overview, null));
            } catch (ManagementException e) {
                registry.setStatus(c, new ServerRegistry.Status(State.FAILED, null, e.getMessage()));
                ui.asyncExec(() -> e.untrustedCertificate().ifPresentOrElse(cert -> askTrust(shell, c, cert),
                        () -> ErrorDialogs.show(shell, "Cannot connect to " + c.name(), e)));
            } catch (IOException | IllegalArgumentException e) {
                registry.setStatus(c, new ServerRegistry.Status(State.FAILED, null, e.getMessage()));
                ui.asyncExec(() -> ErrorDialogs.show(shell, "Cannot connect to " + c.name(), e));
            } finally {
                monitor.done();
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }

    /** Shows the certificate no authority vouches for; trusted, it is remembered and the console connects again. */
    private void askTrust(Shell shell, ServerConnection c, UntrustedCertificate cert) {
        if (!CertificateDialog.trust(shell, c, cert)) {
            registry.setStatus(c, new ServerRegistry.Status(State.FAILED, null, "certificate rejected"));
            return;
        }
        try {
            registry.trustCertificate(c, cert.sha256());
            connect(shell, c);
        } catch (IOException e) {
            ErrorDialogs.show(shell, "Cannot trust the certificate of " + c.name(), e);
        }
    }

    boolean localRunning() {
        return localServer.running();
    }

    /** Starts or stops the server embedded in this console, in a job. */
    void toggleLocalServer(Shell shell) {
        boolean stop = localServer.running();
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
                        registry.select(c);
                        connect(shell, c);
                    });
                }
            } catch (IOException | RuntimeException e) {
                ui.asyncExec(() -> ErrorDialogs.show(shell, "Local server", e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                registry.localServerChanged();
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }
}
