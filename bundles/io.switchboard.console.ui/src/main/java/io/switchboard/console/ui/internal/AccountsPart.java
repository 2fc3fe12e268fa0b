package io.switchboard.console.ui.internal;

import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.AccountsClient;
import io.switchboard.mgmt.client.AccountsClient.Account;
import io.switchboard.mgmt.client.ManagementException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The accounts of the selected server's API, for its admins: who may use it and with which role
 * (viewer, operator, admin). The form beside the table makes a new account or changes the
 * selected one's role or password; the server refuses what would leave it without an admin.
 */
public class AccountsPart extends LiveViewPart {

    private static final String[] ROLES = { "viewer", "operator", "admin" };

    @Inject
    private SelectedServer server;

    private TableViewer table;
    private FieldForm form;
    private Text name;
    private Combo role;
    private Text password;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 4);
        Widgets.button(bar, "New Account", "accounts.new", this::clear);
        Widgets.button(bar, "Delete…", "accounts.delete", this::delete);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "accounts.status");
        Widgets.fillWidth(status);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(left);
        table = Columns.viewer(left, "accounts.table", SWT.SINGLE);
        Columns.add(table, "Account", 140, (Account a) -> a.name());
        Columns.add(table, "Role", 90, (Account a) -> a.role());
        Columns.add(table, "Created", 170, (Account a) -> ConsoleSettings.time(a.created()));
        Columns.add(table, "Changed", 170, (Account a) -> ConsoleSettings.time(a.updated()));
        table.addSelectionChangedListener(e -> show(selected()));

        Composite right = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        form = new FieldForm(right, "account", () -> {
        });
        name = form.text("name", "Account:", "letters, digits, . _ @ -");
        role = form.choice("role", "Role:", ROLES);
        password = form.password("password", "Password:", "12 characters or more; empty keeps it");
        new Label(form.control(), SWT.NONE);
        Widgets.button(form.control(), "Save", "accounts.save", this::save);
        Label roles = new Label(right, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(roles);
        roles.setText("Viewers read all but call recordings, accounts and the audit log. "
                + "Operators also change users, trunks, numbers, routes and lockouts. Admins also manage accounts, "
                + "read the audit log and delete call records.");
        sash.setWeights(60, 40);
        live = LiveRefresh.of("accounts", status, server, () -> client().accounts(), List.of(), table::setInput);
        clear();
    }

    private AccountsClient client() throws ManagementException {
        return new AccountsClient(server.client());
    }

    private Account selected() {
        return (Account) ((IStructuredSelection) table.getSelection()).getFirstElement();
    }

    private void show(Account a) {
        if (a == null) {
            return;
        }
        form.load(() -> {
            name.setText(a.name());
            name.setEditable(false);
            role.setText(a.role());
            password.setText("");
        });
    }

    private void clear() {
        table.setSelection(null);
        form.load(() -> {
            name.setText("");
            name.setEditable(true);
            role.setText("viewer");
            password.setText("");
        });
        name.setFocus();
    }

    private void save() {
        String account = name.getText().trim();
        String newRole = role.getText();
        String newPassword = password.getText().isEmpty() ? null : password.getText();
        if (account.isEmpty()) {
            form.showMessage("Give the account a name.");
            return;
        }
        ServerWork.run(table.getControl(), "Save Account", () -> client().save(account, newRole, newPassword), saved -> {
            form.showMessage("Saved " + saved.name() + " (" + saved.role() + ")"
                    + (newPassword == null ? "" : "; the new password works at once"));
            password.setText("");
            name.setEditable(false);
            live.now();
        }, form::showError);
    }

    private void delete() {
        Account a = selected();
        if (a != null && MessageDialog.openConfirm(table.getControl().getShell(), "Delete Account",
                "Delete the account " + a.name() + "? It can no longer use the API or the console.")) {
            ServerWork.run(table.getControl(), "Delete Account", () -> client().delete(a.name()), done -> {
                clear();
                live.now();
            });
        }
    }

}
