package io.switchboard.forwarding.ui.internal;

import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ForwardingClient;
import io.switchboard.mgmt.client.ForwardingClient.Forwarding;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Call forwarding on the selected server, live: every user that forwards something, and a form
 * for one user's rules (always, busy, no answer after N seconds, unavailable, call waiting, calls at once). The server checks a
 * destination as it is saved; a refusal names the rule and why (the user's class of service, say).
 */
public class ForwardingPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private TableViewer table;
    private Text user;
    private Text always;
    private Text busy;
    private Text noAnswer;
    private Spinner seconds;
    private Text unavailable;
    private Button callWaiting;
    private Spinner maxCalls;
    private Text schedule;
    private Button anonymous;
    private Label shown;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 5);
        new Label(bar, SWT.NONE).setText("User:");
        user = Widgets.id(new Text(bar, SWT.BORDER | SWT.SEARCH), "forwarding.user");
        user.setMessage("bob");
        user.addListener(SWT.DefaultSelection, e -> show(user.getText().trim()));
        Widgets.button(bar, "Show", "forwarding.show", () -> show(user.getText().trim()));
        shown = Widgets.id(new Label(bar, SWT.NONE), "forwarding.shown");
        Widgets.fillWidth(shown);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "forwarding.status");
        Widgets.fillWidth(status);
        Composite rules = Widgets.toolbar(parent, 6);
        always = Widgets.hinted(rules, "Always:", "forwarding.always", "nothing: the phones ring");
        busy = Widgets.hinted(rules, "When busy:", "forwarding.busy", "voicemail, or the busy answer");
        unavailable = Widgets.hinted(rules, "Unreachable:", "forwarding.unavailable", "as on no answer");
        noAnswer = Widgets.hinted(rules, "No answer:", "forwarding.noAnswer", "voicemail, or the no-answer answer");
        new Label(rules, SWT.NONE).setText("after (s, 0: ring timeout):");
        seconds = Widgets.id(new Spinner(rules, SWT.BORDER), "forwarding.seconds");
        seconds.setValues(0, 0, 300, 0, 5, 30);
        Composite waiting = Widgets.toolbar(parent, 6);
        callWaiting = Widgets.id(new Button(waiting, SWT.CHECK), "forwarding.callWaiting");
        callWaiting.setText("Call waiting");
        callWaiting.setToolTipText("Off: a user in a call is busy, and the call goes where busy calls go");
        callWaiting.setSelection(true);
        new Label(waiting, SWT.NONE).setText("Calls at once (0: no limit):");
        maxCalls = Widgets.id(new Spinner(waiting, SWT.BORDER), "forwarding.maxCalls");
        maxCalls.setValues(0, 0, 100, 0, 1, 5);
        new Label(waiting, SWT.NONE).setText("Always only outside schedule:");
        schedule = Widgets.id(new Text(waiting, SWT.BORDER), "forwarding.schedule");
        schedule.setMessage("none: always");
        schedule.setToolTipText("The user's hours: within them the phones ring, after them calls go to Always");
        Widgets.fillWidth(schedule);
        anonymous = Widgets.id(new Button(waiting, SWT.CHECK), "forwarding.rejectAnonymous");
        anonymous.setText("Refuse anonymous calls");
        anonymous.setToolTipText("Calls that withhold the caller's number are refused (433) before anything rings");
        Composite actions = Widgets.toolbar(parent, 2);
        Widgets.button(actions, "Save", "forwarding.save", this::save);
        Widgets.button(actions, "Clear", "forwarding.clear", this::clear);
        table = Columns.viewer(parent, "forwarding.table", SWT.SINGLE);
        Columns.add(table, "User", 120, (Forwarding f) -> f.user());
        Columns.add(table, "Always", 160, (Forwarding f) -> text(f.always())
                + (f.always() != null && f.schedule() != null ? " (outside " + f.schedule() + ")" : ""));
        Columns.add(table, "When busy", 160, (Forwarding f) -> text(f.busy()));
        Columns.add(table, "No answer", 200, (Forwarding f) -> f.noAnswer() == null ? "" : f.noAnswer()
                + (f.noAnswerSeconds() > 0 ? " after " + f.noAnswerSeconds() + " s" : " at the ring timeout"));
        Columns.add(table, "Unreachable", 160, (Forwarding f) -> f.unavailable() != null ? f.unavailable()
                : f.noAnswer() == null ? "" : "(as no answer)");
        Columns.add(table, "Call waiting", 110, (Forwarding f) -> (f.callWaiting() ? "on" : "off")
                + (f.maxCalls() > 0 ? ", " + f.maxCalls() + " at once" : ""));
        Columns.add(table, "Anonymous", 90, (Forwarding f) -> f.rejectAnonymous() ? "refused" : "");
        table.addSelectionChangedListener(e -> {
            Forwarding f = (Forwarding) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (f != null) {
                user.setText(f.user());
                fill(f);
            }
        });
        live = LiveRefresh.of("forwarding", status, server, () -> new ForwardingClient(server.client()).all(),
                List.of(), table::setInput);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private void show(String name) {
        if (!name.isEmpty()) {
            ServerWork.run(table.getControl(), "Read the forwarding of " + name,
                    () -> new ForwardingClient(server.client()).of(name), this::fill);
        }
    }

    private void fill(Forwarding f) {
        shown.setForeground(null);
        always.setText(text(f.always()));
        busy.setText(text(f.busy()));
        noAnswer.setText(text(f.noAnswer()));
        seconds.setSelection(f.noAnswerSeconds());
        unavailable.setText(text(f.unavailable()));
        callWaiting.setSelection(f.callWaiting());
        maxCalls.setSelection(f.maxCalls());
        schedule.setText(text(f.schedule()));
        anonymous.setSelection(f.rejectAnonymous());
        shown.setText(f.user() + (f.always() == null && f.busy() == null && f.noAnswer() == null
                && f.unavailable() == null ? ": forwards nothing" : ": forwards"));
        shown.getParent().layout();
    }

    private void save() {
        String name = user.getText().trim();
        if (name.isEmpty()) {
            return;
        }
        Forwarding f = new Forwarding(name, always.getText(), busy.getText(), noAnswer.getText(),
                seconds.getSelection(), unavailable.getText(), callWaiting.getSelection(), maxCalls.getSelection(),
                schedule.getText(), anonymous.getSelection());
        // a refusal (a destination the user may not reach) is said beside the form, where it was typed
        ServerWork.run(table.getControl(), "Save the forwarding of " + name,
                () -> new ForwardingClient(server.client()).save(f), saved -> {
                    fill(saved);
                    refresh();
                }, e -> ErrorDialogs.beside(shown, "Not saved: ", e));
    }

    private void clear() {
        String name = user.getText().trim();
        if (!name.isEmpty()) {
            ServerWork.run(table.getControl(), "Clear the forwarding of " + name, () -> {
                new ForwardingClient(server.client()).clear(name);
                return new ForwardingClient(server.client()).of(name);
            }, saved -> {
                fill(saved);
                refresh();
            });
        }
    }
}
