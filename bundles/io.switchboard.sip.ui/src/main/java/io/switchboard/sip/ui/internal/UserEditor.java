package io.switchboard.sip.ui.internal;

import java.util.Map;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.EditorInput;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.SipClient.UserView;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * One SIP user's editor, opened from the Servers navigator: the user's fields, dirty when changed,
 * saved with Save (Ctrl+S) on the server the user was opened from.
 */
public class UserEditor {

    @Inject
    private MPart part;
    @Inject
    private MDirtyable dirty;
    @Inject
    private Shell shell;
    @Inject
    private IEventBroker events;

    private final UserForm user = new UserForm();
    private EditorInput input;
    private Label status;
    private FieldForm form;

    @PostConstruct
    public void createControls(Composite parent) {
        input = EditorInput.of(part);
        GridLayoutFactory.fillDefaults().margins(8, 8).applyTo(parent);
        status = Widgets.id(new Label(parent, SWT.WRAP), "userEditor.status");
        Widgets.fillWidth(status);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(bar);
        Widgets.button(bar, "Save", "userEditor.save", this::save);
        Widgets.button(bar, "Revert", "userEditor.revert", this::load);
        form = new FieldForm(parent, "userEditor.form", () -> dirty.setDirty(true));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(form.control());
        user.fields(form);
        user.username().setEditable(false);
        load();
    }

    private void load() {
        if (input == null) {
            status.setText("Open this user again from the Servers navigator.");
            return;
        }
        String name = input.object().key();
        status.setText("Loading user " + name + " from " + input.serverName() + "…");
        ServerWork.run(status, "Loading user " + name, () -> new SipClient(input.client()).userViews().stream()
                .filter(u -> u.username().equals(name)).findFirst().orElse(null), found -> {
                    if (found == null) {
                        status.setText("There is no user " + name + " on " + input.serverName() + " any more.");
                        return;
                    }
                    form.load(() -> user.show(found));
                    dirty.setDirty(false);
                    status.setText("User " + name + " on " + input.serverName());
                }, e -> status.setText(ErrorDialogs.reason(e)));
    }

    @Persist
    public void save() {
        if (input == null) {
            return;
        }
        UserView changed;
        try {
            changed = user.read();
        } catch (ManagementException invalid) {
            form.showError(invalid);
            return;
        }
        String title = "Saving user " + changed.username();
        ServerWork.run(status, title, () -> user.save(new SipClient(input.client()), changed, false), saved -> {
            form.load(() -> user.show(saved));
            dirty.setDirty(false);
            status.setText("Saved user " + saved.username() + " on " + input.serverName());
            events.post(ConsoleEvents.OBJECTS_CHANGED, Map.of());
        }, e -> {
            if (form.showError(e) == null && e.status() == 0) {
                ErrorDialogs.show(shell, title + " failed", e);
            }
        });
    }

    @Focus
    public void focus() {
        form.control().setFocus();
    }
}
