package io.switchboard.voicemail.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.VoicemailClient;
import io.switchboard.mgmt.client.VoicemailClient.VoiceMessage;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * A user's mailbox on the selected server, live: its messages newest first (who called, when, how
 * long, heard, what became of the mail), where they are mailed, and the admin's actions: mark
 * heard, save the audio (operators: it is content), delete.
 */
public class VoicemailPart extends LiveViewPart {

    @Inject
    SelectedServer server;
    @Inject
    Shell shell;

    private TableViewer table;
    private Text user;
    private Text email;
    private Button deleteAfterMail;
    private Button unsolicited;
    private Button enabled;
    private Label counts;
    /** The user as typed, read by the refresh's job. */
    private volatile String mailbox = "";

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 6);
        new Label(bar, SWT.NONE).setText("User:");
        user = Widgets.id(new Text(bar, SWT.BORDER | SWT.SEARCH), "voicemail.user");
        user.setMessage("bob");
        user.addListener(SWT.DefaultSelection, e -> show());
        Widgets.button(bar, "Show", "voicemail.show", this::show);
        counts = Widgets.id(new Label(bar, SWT.NONE), "voicemail.counts");
        Widgets.fillWidth(counts);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "voicemail.status");
        Widgets.fillWidth(status);
        Composite settings = Widgets.toolbar(parent, 6);
        enabled = Widgets.id(new Button(settings, SWT.CHECK), "voicemail.enabled");
        enabled.setText("Calls go to voicemail");
        enabled.setToolTipText("Calls that ring out or find the user busy or away leave a message here");
        new Label(settings, SWT.NONE).setText("Mail to:");
        email = Widgets.id(new Text(settings, SWT.BORDER), "voicemail.email");
        email.setMessage("nobody: messages stay in the mailbox only");
        Widgets.fillWidth(email);
        deleteAfterMail = Widgets.id(new Button(settings, SWT.CHECK), "voicemail.deleteAfterMail");
        deleteAfterMail.setText("Delete once mailed");
        unsolicited = Widgets.id(new Button(settings, SWT.CHECK), "voicemail.unsolicited");
        unsolicited.setText("Lamp without subscribing");
        unsolicited.setToolTipText("For desk phones that wait to be told of new messages (unsolicited NOTIFY) "
                + "instead of subscribing to them");
        Widgets.button(settings, "Save", "voicemail.save", this::save);
        Composite actions = Widgets.toolbar(parent, 3);
        Widgets.button(actions, "Mark heard", "voicemail.heard", this::markHeard);
        Widgets.button(actions, "Save audio…", "voicemail.audio", this::saveAudio);
        Widgets.button(actions, "Delete", "voicemail.delete", this::delete);
        table = Columns.viewer(parent, "voicemail.table", SWT.SINGLE);
        Columns.add(table, "Received", 170, (VoiceMessage m) -> ConsoleSettings.time(m.received()));
        Columns.add(table, "From", 180, (VoiceMessage m) -> m.callerName() == null ? m.caller()
                : m.callerName() + " (" + m.caller() + ")");
        Columns.add(table, "Length", 70, (VoiceMessage m) -> m.seconds() / 60 + ":" + String.format("%02d",
                m.seconds() % 60));
        Columns.add(table, "Heard", 60, (VoiceMessage m) -> m.heard() ? "yes" : "new");
        Columns.add(table, "Mail", 260, (VoiceMessage m) -> m.mail());
        Columns.add(table, "Call", 300, (VoiceMessage m) -> m.callId() == null ? "" : m.callId());
        live = LiveRefresh.of("voicemail", status, server, () -> mailbox.isBlank() ? List.of()
                : new VoicemailClient(server.client()).messages(mailbox), List.of(), table::setInput);
    }

    /** The typed user's messages, and their mailbox's settings into the form. */
    private void show() {
        mailbox = user.getText().trim();
        refresh();
        if (mailbox.isEmpty()) {
            return;
        }
        String shown = mailbox;
        ServerWork.run(table.getControl(), "Read mailbox " + shown,
                () -> new VoicemailClient(server.client()).mailbox(shown), this::showMailbox);
    }

    private void showMailbox(VoicemailClient.Mailbox m) {
        enabled.setSelection(m.enabled());
        email.setText(m.email() == null ? "" : m.email());
        deleteAfterMail.setSelection(m.deleteAfterMail());
        unsolicited.setSelection(m.unsolicited());
        counts.setText(m.user() + ": " + m.newMessages() + " new, " + m.oldMessages() + " heard"
                + (m.pinSet() ? ", PIN set" : ""));
        counts.getParent().layout();
    }

    private void save() {
        String shown = mailbox;
        if (shown.isEmpty()) {
            return;
        }
        String address = email.getText();
        boolean delete = deleteAfterMail.getSelection();
        boolean on = enabled.getSelection();
        boolean tell = unsolicited.getSelection();
        ServerWork.run(table.getControl(), "Save mailbox " + shown,
                () -> new VoicemailClient(server.client()).save(shown, on, address, delete, tell), this::showMailbox);
    }

    private VoiceMessage selected() {
        return (VoiceMessage) ((IStructuredSelection) table.getSelection()).getFirstElement();
    }

    private void markHeard() {
        VoiceMessage m = selected();
        if (m != null) {
            ServerWork.run(table.getControl(), "Mark message heard", () -> {
                new VoicemailClient(server.client()).heard(m.id(), true);
                return m;
            }, done -> show());
        }
    }

    private void delete() {
        VoiceMessage m = selected();
        if (m != null) {
            ServerWork.run(table.getControl(), "Delete message", () -> new VoicemailClient(server.client())
                    .delete(m.id()), done -> show());
        }
    }

    /** Saves the message's WAV where the admin says: the server gives it to operators and admins only. */
    private void saveAudio() {
        VoiceMessage m = selected();
        if (m == null) {
            return;
        }
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setFileName("voicemail-" + m.id() + ".wav");
        dialog.setOverwrite(true);
        String target = dialog.open();
        if (target != null) {
            ServerWork.run(table.getControl(), "Save message audio", () -> new VoicemailClient(server.client())
                    .audio(m.id()), wav -> {
                        try {
                            Files.write(Path.of(target), wav);
                        } catch (IOException e) {
                            MessageDialog.openError(shell, "Save audio", e.getMessage());
                        }
                    });
        }
    }
}
