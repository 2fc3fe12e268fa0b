package io.switchboard.schedules.ui.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.SchedulesClient;
import io.switchboard.mgmt.client.SchedulesClient.Schedule;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Schedules on the selected server, live: each with its hours, holidays and whether it is open now,
 * and a form to make or change one. The server checks every field as it is saved; a refusal (a bad
 * time zone, a line of hours it cannot read, a schedule in use that is deleted) is said beside the form.
 */
public class SchedulesPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private TableViewer table;
    private Text name;
    private Text zone;
    private Text description;
    private Text hours;
    private Text holidays;
    private Label shown;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 7);
        new Label(bar, SWT.NONE).setText("Schedule:");
        name = Widgets.id(new Text(bar, SWT.BORDER), "schedules.name");
        name.setMessage("office");
        name.setLayoutData(new GridData(140, SWT.DEFAULT));
        new Label(bar, SWT.NONE).setText("Time zone:");
        zone = Widgets.id(new Text(bar, SWT.BORDER), "schedules.zone");
        zone.setMessage("Europe/Berlin");
        zone.setLayoutData(new GridData(170, SWT.DEFAULT));
        new Label(bar, SWT.NONE).setText("Description:");
        description = Widgets.id(new Text(bar, SWT.BORDER), "schedules.description");
        Widgets.fillWidth(description);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "schedules.status");
        Composite lines = Widgets.toolbar(parent, 2);
        new Label(lines, SWT.NONE).setText("Open hours, one per line (mon-fri 08:00-18:00, sat,sun):");
        new Label(lines, SWT.NONE).setText("Holidays, one per line (2026-12-24..2026-12-26 Christmas):");
        hours = area(lines, "schedules.hours");
        holidays = area(lines, "schedules.holidays");
        Composite actions = Widgets.toolbar(parent, 3);
        Widgets.button(actions, "Save", "schedules.save", this::save);
        Widgets.button(actions, "Delete", "schedules.delete", this::delete);
        shown = Widgets.id(new Label(actions, SWT.NONE), "schedules.shown");
        Widgets.fillWidth(shown);
        table = Columns.viewer(parent, "schedules.table", SWT.SINGLE);
        Columns.add(table, "Schedule", 120, (Schedule s) -> s.name());
        Columns.add(table, "Time zone", 130, (Schedule s) -> s.timeZone());
        Columns.add(table, "Open hours", 220, (Schedule s) -> s.hours() == null || s.hours().isEmpty() ? "never"
                : s.hours().stream().map(ScheduleText::line).collect(Collectors.joining("; ")));
        Columns.add(table, "Holidays", 220, (Schedule s) -> s.holidays() == null ? ""
                : s.holidays().stream().map(ScheduleText::line).collect(Collectors.joining("; ")));
        Columns.add(table, "Now", 420, (Schedule s) -> s.now() == null ? "" : s.now().why());
        table.addSelectionChangedListener(e -> {
            Schedule s = (Schedule) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (s != null) {
                fill(s);
            }
        });
        live = LiveRefresh.of("schedules", status, server, () -> new SchedulesClient(server.client()).all(), List.of(),
                table::setInput);
    }

    private static Text area(Composite parent, String id) {
        Text t = Widgets.id(new Text(parent, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL), id);
        GridData d = new GridData(SWT.FILL, SWT.FILL, true, false);
        d.heightHint = 80;
        t.setLayoutData(d);
        return t;
    }

    private void fill(Schedule s) {
        shown.setForeground(null);
        name.setText(s.name());
        zone.setText(s.timeZone() == null ? "" : s.timeZone());
        description.setText(s.description() == null ? "" : s.description());
        hours.setText(ScheduleText.hours(s.hours()));
        holidays.setText(ScheduleText.holidays(s.holidays()));
        shown.setText(s.name() + (s.now() == null ? "" : ": " + s.now().why()));
        shown.setToolTipText(shown.getText());
        shown.getParent().layout();
    }

    private void save() {
        String n = name.getText().trim();
        if (n.isEmpty()) {
            return;
        }
        Schedule s = new Schedule(n, zone.getText().trim(), ScheduleText.hours(hours.getText()),
                ScheduleText.holidays(holidays.getText()), description.getText().trim(), null);
        ServerWork.run(table.getControl(), "Save schedule " + n, () -> new SchedulesClient(server.client()).save(s),
                saved -> {
                    fill(saved);
                    refresh();
                }, e -> ErrorDialogs.beside(shown, "Not saved: ", e));
    }

    private void delete() {
        String n = name.getText().trim();
        if (!n.isEmpty()) {
            ServerWork.run(table.getControl(), "Delete schedule " + n,
                    () -> new SchedulesClient(server.client()).delete(n), gone -> {
                        shown.setForeground(null);
                        shown.setText(gone ? "Deleted " + n : "No schedule " + n);
                        shown.getParent().layout();
                        refresh();
                    }, e -> ErrorDialogs.beside(shown, "Not deleted: ", e));
        }
    }
}
