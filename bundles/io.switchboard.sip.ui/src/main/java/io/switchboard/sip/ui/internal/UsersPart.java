package io.switchboard.sip.ui.internal;

import java.util.List;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.sip.api.provisioning.SipUser;

/** The SIP users editor; the password is write-only and required for a new user. */
public class UsersPart extends RecordEditorPart<SipUser> {

    private Text username;
    private Text displayName;
    private Text password;
    private Text algorithms;
    private Button enabled;
    private String secret;

    public UsersPart() {
        super("user", "users");
    }

    @Override
    String key(SipUser u) {
        return u.username();
    }

    @Override
    String searchText(SipUser u) {
        return u.username() + " " + orEmpty(u.displayName());
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "User", 120, (SipUser u) -> u.username());
        Columns.add(v, "Display name", 160, (SipUser u) -> u.displayName());
        Columns.add(v, "Enabled", 60, (SipUser u) -> u.enabled() ? "yes" : "no");
        Columns.add(v, "Created", 170, (SipUser u) -> ConsoleSettings.time(u.created()));
    }

    @Override
    void fields(FieldForm f) {
        username = f.text("username", "User name:", "alice");
        displayName = f.text("displayName", "Display name:", "Alice Example");
        password = f.password("password", "Password:", "");
        algorithms = f.text("algorithms", "Digest algorithms:", "SHA-256, MD5 (empty: the server's default)");
        enabled = f.check("enabled", "Enabled");
    }

    @Override
    void show(SipUser u) {
        username.setText(u == null ? "" : u.username());
        displayName.setText(u == null ? "" : orEmpty(u.displayName()));
        password.setText("");
        password.setMessage(u == null ? "required for a new user" : "unchanged; type to replace");
        algorithms.setText(u == null ? "" : joined(u.algorithms()));
        enabled.setSelection(u == null || u.enabled());
    }

    @Override
    SipUser read() throws ManagementException {
        secret = password.getText();
        return new SipUser(username.getText().trim(), displayName.getText().trim(), enabled.getSelection(), null,
                list(algorithms));
    }

    @Override
    Text keyField() {
        return username;
    }

    @Override
    List<SipUser> load(SipClient sip) throws ManagementException {
        return sip.users();
    }

    @Override
    SipUser save(SipClient sip, SipUser user, boolean isNew) throws ManagementException {
        return sip.saveUser(user, secret.isEmpty() ? null : secret);
    }

    @Override
    boolean delete(SipClient sip, SipUser user) throws ManagementException {
        return sip.deleteUser(user.username());
    }
}
