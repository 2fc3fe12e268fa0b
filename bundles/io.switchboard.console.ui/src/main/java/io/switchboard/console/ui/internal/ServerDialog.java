package io.switchboard.console.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementClient;

/** Adds or edits a server connection; checks the address as it is typed. */
public class ServerDialog extends TitleAreaDialog {

    private final ServerConnection initial;
    private Text name;
    private Text url;
    private Text user;
    private Text password;
    private ServerConnection result;
    private String resultPassword;

    public ServerDialog(Shell parent, ServerConnection initial) {
        super(parent);
        this.initial = initial;
    }

    @Override
    public void create() {
        super.create();
        getShell().setText(initial == null ? "Add Server" : "Edit Server");
        setTitle(initial == null ? "Add a Switchboard server" : "Edit " + initial.name());
        setMessage("The server's management API address and an account on it.");
        validate();
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = Widgets.dialogForm(area);
        name = field(c, "Name:", "server.name", initial == null ? "" : initial.name(), SWT.NONE);
        url = field(c, "Address:", "server.url", initial == null ? "http://127.0.0.1:8080" : initial.url(), SWT.NONE);
        user = field(c, "User:", "server.user", initial == null ? "admin" : initial.user(), SWT.NONE);
        password = field(c, "Password:", "server.password", "", SWT.PASSWORD);
        if (initial != null) {
            password.setMessage("unchanged");
        }
        return area;
    }

    private Text field(Composite parent, String label, String id, String value, int style) {
        return Widgets.field(parent, label, id, value, style, this::validate);
    }

    private void validate() {
        if (name == null || getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        String error = null;
        if (name.getText().isBlank()) {
            error = "Give the server a name.";
        } else if (user.getText().isBlank()) {
            error = "Enter the account name.";
        } else {
            try {
                ManagementClient.apiUri(url.getText());
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        setErrorMessage(error);
        getButton(IDialogConstants.OK_ID).setEnabled(error == null);
    }

    @Override
    protected void okPressed() {
        result = new ServerConnection(initial == null ? null : initial.id(), name.getText().trim(),
                url.getText().trim(), user.getText().trim());
        resultPassword = password.getText().isEmpty() && initial != null ? null : password.getText();
        super.okPressed();
    }

    public ServerConnection result() {
        return result;
    }

    /** @return the password entered, or null to keep the stored one */
    public String password() {
        return resultPassword;
    }
}
