package io.switchboard.phone.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.phone.api.Transport;
import io.switchboard.phone.ui.internal.PhoneAccounts.Settings;

/** Sets up the softphone's SIP account on one server; checks the fields as they are typed. */
final class AccountDialog extends TitleAreaDialog {

    private final String serverName;
    private final Settings initial;
    private final boolean hasPassword;
    private Text user;
    private Text password;
    private Text displayName;
    private Text domain;
    private Text host;
    private Text port;
    private Combo transport;
    private Text tlsPin;
    private Settings result;
    private String resultPassword;

    /** @param hasPassword whether a password is kept already: an empty field then keeps it */
    AccountDialog(Shell parent, String serverName, Settings initial, boolean hasPassword) {
        super(parent);
        this.serverName = serverName;
        this.initial = initial;
        this.hasPassword = hasPassword;
    }

    @Override
    public void create() {
        super.create();
        getShell().setText("Softphone Account");
        setTitle("The softphone's account on " + serverName);
        setMessage("A SIP user of the server (Users view). The password is kept in the console's secure storage.");
        validate();
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = Widgets.dialogForm(area);
        user = field(c, "SIP user:", "phone.account.user", initial.user(), SWT.NONE);
        password = field(c, "Password:", "phone.account.password", "", SWT.PASSWORD);
        password.setMessage(hasPassword ? "unchanged" : "");
        displayName = field(c, "Caller name:", "phone.account.displayName", initial.displayName(), SWT.NONE);
        domain = field(c, "Domain:", "phone.account.domain", initial.domain(), SWT.NONE);
        host = field(c, "SIP server:", "phone.account.host", initial.host(), SWT.NONE);
        port = field(c, "Port:", "phone.account.port", Integer.toString(initial.port()), SWT.NONE);
        new Label(c, SWT.NONE).setText("Transport:");
        transport = Widgets.id(new Combo(c, SWT.READ_ONLY), "phone.account.transport");
        for (Transport t : Transport.values()) {
            transport.add(t.name());
        }
        transport.setText(initial.transport().name());
        transport.addListener(SWT.Selection, e -> validate());
        tlsPin = field(c, "TLS certificate:", "phone.account.tlsPin", initial.tlsPin(), SWT.NONE);
        tlsPin.setMessage("SHA-256 of the server's certificate, when no authority signed it");
        return area;
    }

    private Text field(Composite parent, String label, String id, String value, int style) {
        return Widgets.field(parent, label, id, value, style, this::validate);
    }

    private void validate() {
        if (tlsPin == null || getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        String error = null;
        if (user.getText().isBlank() || user.getText().contains("@") || user.getText().contains(" ")) {
            error = "Enter the SIP user's name, without @domain or spaces.";
        } else if (password.getText().isEmpty() && !hasPassword) {
            error = "Enter the SIP user's password.";
        } else if (domain.getText().isBlank()) {
            error = "Enter the SIP domain (the server's address unless it has a domain name of its own).";
        } else if (host.getText().isBlank()) {
            error = "Enter the SIP server's address.";
        } else if (port() == 0) {
            error = "The port must be a number from 1 to 65535.";
        } else if (!tlsPin.getText().isBlank()
                && !tlsPin.getText().replace(":", "").trim().matches("[0-9A-Fa-f]{64}")) {
            error = "The TLS certificate is its SHA-256 fingerprint: 64 hex digits, colons allowed.";
        }
        tlsPin.setEnabled("TLS".equals(transport.getText()));
        setErrorMessage(error);
        getButton(IDialogConstants.OK_ID).setEnabled(error == null);
    }

    private int port() {
        try {
            int p = Integer.parseInt(port.getText().trim());
            return p > 0 && p <= 65535 ? p : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    protected void okPressed() {
        result = new Settings(user.getText().trim(), displayName.getText().trim(), domain.getText().trim(),
                host.getText().trim(), port(), Transport.valueOf(transport.getText()), tlsPin.getText().trim());
        resultPassword = password.getText().isEmpty() ? null : password.getText();
        super.okPressed();
    }

    Settings result() {
        return result;
    }

    /** @return the password entered, or null to keep the stored one */
    String password() {
        return resultPassword;
    }
}
