package io.switchboard.sip.ui.internal;

import java.util.List;
import java.util.Set;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.SipClient.UserView;

/** The SIP users editor: the users in a table, one at a time in a {@link UserForm}. */
public class UsersPart extends RecordEditorPart<UserView> implements Versioned<UserView> {

    private final UserForm user = new UserForm();

    public UsersPart() {
        super("user", "users");
    }

    @Override
    String key(UserView u) {
        return u.username();
    }

    @Override
    String searchText(UserView u) {
        return u.username() + " " + orEmpty(u.displayName());
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "User", 120, (UserView u) -> u.username());
        Columns.add(v, "Display name", 160, (UserView u) -> u.displayName());
        Columns.add(v, "Enabled", 60, (UserView u) -> u.enabled() ? "yes" : "no");
        Columns.add(v, "Calls allowed", 110, (UserView u) -> UserForm.lower(u.effective().callClass())
                + (u.callClass() == null ? " (default)" : ""));
        Columns.add(v, "Created", 170, (UserView u) -> ConsoleSettings.time(u.created()));
    }

    @Override
    void fields(FieldForm f) {
        user.fields(f);
    }

    @Override
    void show(UserView u) {
        user.show(u);
    }

    @Override
    UserView read() throws ManagementException {
        return user.read();
    }

    @Override
    Text keyField() {
        return user.username();
    }

    @Override
    List<UserView> load(SipClient sip) throws ManagementException {
        return sip.userViews();
    }

    @Override
    UserView save(SipClient sip, UserView u, boolean isNew) throws ManagementException {
        return user.save(sip, u, isNew);
    }

    @Override
    public void forgetVersion() {
        user.forgetVersion();
    }

    @Override
    public Record fields(UserView u) {
        return u;
    }

    @Override
    public UserView withFields(UserView u, Record fields) {
        return (UserView) fields;
    }

    @Override
    public Set<String> notMerged() {
        return Set.of("username", "created", "effective", "version");
    }

    @Override
    boolean delete(SipClient sip, UserView u) throws ManagementException {
        return sip.deleteUser(u.username());
    }
}
