package io.switchboard.sip.ui.internal;

import java.util.Locale;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.SipClient.UserView;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.MediaEncryption;

/**
 * A SIP user's fields, for the Users view and a user's own editor: the password is write-only and
 * required for a new user; what the user may call through trunks (class of service, calls at once
 * and per minute) is set here too.
 */
final class UserForm {

    /** The choices of the SRTP policy, the server's default first. */
    static final String[] ENCRYPTION = { "server default", "required (SRTP over TLS only)", "optional", "off" };

    /** The choices of the class of service, the server's default first. */
    private static final String[] CLASSES = { "server default", "internal", "national", "international", "premium" };

    private Text username;
    private Text displayName;
    private Text password;
    private Text algorithms;
    private Button enabled;
    private Combo callClass;
    private Text maxCalls;
    private Text callsPerMinute;
    private Combo mediaEncryption;
    private String secret;
    /** The version of the user the form shows: a save made against it is refused over another admin's change. */
    private long shownVersion;

    void fields(FieldForm f) {
        username = f.text("username", "User name:", "alice");
        displayName = f.text("displayName", "Display name:", "Alice Example");
        password = f.password("password", "Password:", "");
        algorithms = f.text("algorithms", "Digest algorithms:", "SHA-256, MD5 (empty: the server's default)");
        enabled = f.check("enabled", "Enabled");
        callClass = f.choice("callClass", "Calls allowed:", CLASSES);
        maxCalls = f.text("maxCalls", "Calls at once:", "through trunks; empty: the server's default, 0: no limit");
        callsPerMinute = f.text("callsPerMinute", "Calls per minute:", "through trunks; empty: the server's default");
        mediaEncryption = f.choice("mediaEncryption", "Media encryption:", ENCRYPTION);
    }

    static String lower(CallClass c) {
        return c == null ? "" : c.name().toLowerCase(Locale.ROOT);
    }

    /** Fills the fields from a user, or empties them for a new one (null). */
    void show(UserView u) {
        shownVersion = u == null ? 0 : u.version();
        username.setText(u == null ? "" : u.username());
        displayName.setText(u == null ? "" : RecordEditorPart.orEmpty(u.displayName()));
        password.setText("");
        password.setMessage(u == null ? "required for a new user" : "unchanged; type to replace");
        algorithms.setText(u == null ? "" : RecordEditorPart.joined(u.algorithms()));
        enabled.setSelection(u == null || u.enabled());
        callClass.select(u == null || u.callClass() == null ? 0 : u.callClass().ordinal() + 1);
        maxCalls.setText(u == null || u.maxCalls() == null ? "" : u.maxCalls().toString());
        callsPerMinute.setText(u == null || u.callsPerMinute() == null ? "" : u.callsPerMinute().toString());
        mediaEncryption.select(u == null || u.mediaEncryption() == null ? 0 : u.mediaEncryption().ordinal() + 1);
    }

    /** @return the user the fields describe; a value the console can check itself is refused here */
    UserView read() throws ManagementException {
        secret = password.getText();
        int chosen = callClass.getSelectionIndex();
        CallClass c = chosen <= 0 ? null : CallClass.values()[chosen - 1];
        Integer atOnce = maxCalls.getText().isBlank() ? null : RecordEditorPart.number(maxCalls, "maxCalls");
        Integer perMinute = callsPerMinute.getText().isBlank() ? null
                : RecordEditorPart.number(callsPerMinute, "callsPerMinute");
        int encryption = mediaEncryption.getSelectionIndex();
        MediaEncryption e = encryption <= 0 ? null : MediaEncryption.values()[encryption - 1];
        return new UserView(username.getText().trim(), displayName.getText().trim(), enabled.getSelection(), null,
                RecordEditorPart.list(algorithms), c, atOnce, perMinute, e, null, shownVersion);
    }

    /** The user the form shows was deleted meanwhile: saved again, it is made anew. */
    void forgetVersion() {
        shownVersion = 0;
    }

    Text username() {
        return username;
    }

    /**
     * Saves the user {@link #read()} returned, with the password typed (if any) and the calling policy.
     *
     * @param isNew made as a new user: refused when one of that name is stored already
     */
    UserView save(SipClient sip, UserView user, boolean isNew) throws ManagementException {
        return sip.saveUser(user.user(), secret.isEmpty() ? null : secret, user.own(), isNew);
    }
}
