package io.switchboard.phone.ui.internal;

import io.switchboard.mgmt.client.SipClient;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.phone.ui.internal.PhoneAccounts.Settings;

/**
 * The softphone's account on the selected server: set up (with the server's SIP port offered),
 * kept, registered and unregistered. What happens is said in the softphone's status line.
 */
final class AccountActions {

    private final SelectedServer server;
    private final Phones phones;
    private final Shell shell;
    private final Label status;
    private final Runnable refresh;

    AccountActions(SelectedServer server, Phones phones, Shell shell, Label status, Runnable refresh) {
        this.server = server;
        this.phones = phones;
        this.shell = shell;
        this.status = status;
        this.refresh = refresh;
    }

    void setUp() {
        if (server.id().isEmpty()) {
            status.setText("Select a server in the Servers navigator first.");
            return;
        }
        Optional<Settings> have = PhoneAccounts.load(server.id().get());
        if (have.isPresent() || !server.connected()) {
            openAccountDialog(have.orElse(PhoneAccounts.defaults(server.url().orElse(null), List.of())));
            return;
        }
        ServerWork.run(status, "Reading the server's SIP ports", () -> new SipClient(server.client()).listeningPoints(),
                points -> openAccountDialog(PhoneAccounts.defaults(server.url().orElse(null), points)));
    }

    private void openAccountDialog(Settings initial) {
        boolean hasPassword;
        try {
            hasPassword = server.secret(PhoneAccounts.PASSWORD).isPresent();
        } catch (IOException e) {
            hasPassword = false;
        }
        AccountDialog dialog = new AccountDialog(shell, server.name().orElse(""), initial, hasPassword);
        if (dialog.open() != Window.OK) {
            return;
        }
        try {
            PhoneAccounts.save(server, dialog.result(), dialog.password());
        } catch (IOException e) {
            ErrorDialogs.show(shell, "Saving the softphone's account failed", e);
            return;
        }
        registerWith(dialog.result());
        refresh.run();
    }

    void registerWith(Settings settings) {
        try {
            String password = server.secret(PhoneAccounts.PASSWORD).orElse("");
            phones.open(server.id().orElseThrow(), server.name().orElse(""), settings.account(password));
            status.setText("Registering " + settings.address() + " with " + settings.host() + ":" + settings.port()
                    + " over " + settings.transport() + "…");
        } catch (IOException | PhoneException e) {
            status.setText("The softphone cannot start: " + e.getMessage());
        }
    }

    void toggleRegistration() {
        if (phones.line(server.id().orElse(null)).isPresent()) {
            phones.close(server.id().orElseThrow());
            status.setText("Unregistered; calls in progress were hung up.");
        } else {
            PhoneAccounts.load(server.id().orElse(null)).ifPresentOrElse(this::registerWith, this::setUp);
        }
        refresh.run();
    }
}
