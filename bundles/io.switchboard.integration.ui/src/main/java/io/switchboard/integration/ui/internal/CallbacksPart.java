package io.switchboard.integration.ui.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.integration.ui.internal.CallbackClient.Callback;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Callbacks and scheduled calls on the selected server, live: a form asks for one (the user whose
 * phone rings first, the number, when, how often, in which schedule's hours); the table shows each
 * with its state, attempts and the last line of its report; a pending one can be cancelled.
 */
public class CallbacksPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private Combo kind;
    private Text user;
    private Text number;
    private Text name;
    private Text at;
    private Combo repeat;
    private Text schedule;
    private Label shown;
    private TableViewer table;

    @PostConstruct
    public void createControls(Composite parent) {
        Label status = Widgets.id(new Label(Widgets.toolbar(parent, 1), SWT.NONE), "callbacks.status");
        Widgets.fillWidth(status);
        Composite form = Widgets.toolbar(parent, 9);
        kind = Widgets.id(new Combo(form, SWT.READ_ONLY), "callback.kind");
        kind.setItems("callback", "scheduled");
        kind.select(0);
        user = Fields.text(form, "User:", "callback.user", "alice", 80);
        number = Fields.text(form, "Number:", "callback.number", "+12125550100", 120);
        name = Fields.text(form, "Name:", "callback.name", "Ada Lovelace", 110);
        at = Fields.text(form, "At:", "callback.at", "2026-12-01 09:00 (empty: now)", 170);
        Composite buttons = Widgets.toolbar(parent, 7);
        new Label(buttons, SWT.NONE).setText("Repeat:");
        repeat = Widgets.id(new Combo(buttons, SWT.READ_ONLY), "callback.repeat");
        repeat.setItems("none", "daily", "weekly");
        repeat.select(0);
        schedule = Fields.text(buttons, "Schedule:", "callback.schedule", "sales-hours", 100);
        Widgets.button(buttons, "Ask", "callback.ask", this::ask);
        Widgets.button(buttons, "Cancel", "callback.cancel", this::cancel);
        shown = Widgets.id(new Label(buttons, SWT.NONE), "callbacks.shown");
        Widgets.fillWidth(shown);
        table = Columns.viewer(parent, "callback.list", SWT.SINGLE);
        Columns.add(table, "#", 50, (Callback c) -> Long.toString(c.id()));
        Columns.add(table, "Kind", 80, (Callback c) -> c.kind());
        Columns.add(table, "User", 80, (Callback c) -> c.user());
        Columns.add(table, "Number", 200, (Callback c) -> c.number() + (c.name() == null ? "" : " " + c.name()));
        Columns.add(table, "Due", 150, (Callback c) -> ConsoleSettings.time(c.due()));
        Columns.add(table, "Repeat", 70, (Callback c) -> c.repeatDays() == 1 ? "daily" : c.repeatDays() == 7 ? "weekly"
                : "");
        Columns.add(table, "State", 90, (Callback c) -> c.state().toLowerCase(Locale.ROOT));
        Columns.add(table, "Attempts", 70, (Callback c) -> c.attempts() + " of " + c.maxAttempts());
        Columns.add(table, "Last", 420, (Callback c) -> c.report() == null ? ""
                : c.report().substring(c.report().lastIndexOf('\n') + 1));
        live = LiveRefresh.of("callbacks", status, server, () -> new CallbackClient(server.client()).list(), List.of(),
                table::setInput);
    }

    private void ask() {
        String u = user.getText().trim();
        String n = number.getText().trim();
        if (u.isEmpty() || n.isEmpty()) {
            shown.setText("A callback needs the user and the number");
            return;
        }
        Instant when;
        try {
            when = at.getText().isBlank() ? null : LocalDateTime.parse(at.getText().trim().replace(' ', 'T'))
                    .atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            shown.setText("At: a date and time like 2026-12-01 09:00");
            return;
        }
        String k = kind.getText();
        String who = name.getText().isBlank() ? null : name.getText().trim();
        String r = repeat.getText();
        String s = schedule.getText().isBlank() ? null : schedule.getText().trim();
        change(table.getControl(), shown, "Ask for a " + (k.equals("callback") ? "callback" : "scheduled call") + " from "
                + u + " to " + n,
                () -> new CallbackClient(server.client()).ask(k, u, n, who, when, r, s));
    }

    private void cancel() {
        if (((IStructuredSelection) table.getSelection()).getFirstElement() instanceof Callback c) {
            change(table.getControl(), shown, "Cancel " + c.kind() + " " + c.id(),
                    () -> new CallbackClient(server.client()).cancel(c.id()));
        }
    }
}
