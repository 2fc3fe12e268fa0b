package io.switchboard.emergency.ui.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
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
import io.switchboard.emergency.ui.internal.EmergencyClient.Address;
import io.switchboard.emergency.ui.internal.EmergencyClient.Assignment;
import io.switchboard.emergency.ui.internal.EmergencyClient.Call;
import io.switchboard.emergency.ui.internal.EmergencyClient.Location;
import io.switchboard.emergency.ui.internal.EmergencyClient.Snapshot;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Emergency calls on the selected server: the address book of dispatchable locations (a form makes
 * or changes one), the networks, users and numbers each applies to, the nomadic users and those with
 * no location, and the log of emergency and test calls, live.
 */
public class EmergencyPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private final Text[] fields = new Text[10];
    private static final String[] FIELDS = { "Name", "Country", "State", "City", "Street", "Number", "Floor", "Room",
        "Postal code", "ELIN" };
    private static final String[] HINTS = { "hq-floor2", "US", "TX", "Austin", "Main St", "100", "2", "201", "78701",
        "+15125550199" };
    private Combo kind;
    private Text key;
    private Label shown;
    private Label people;
    private TableViewer locations;
    private TableViewer assignments;
    private TableViewer calls;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 1);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "emergency.status");
        Widgets.fillWidth(status);
        Composite form = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(10).applyTo(form);
        Widgets.fillWidth(form);
        for (int i = 0; i < FIELDS.length; i++) {
            new Label(form, SWT.NONE).setText(FIELDS[i] + ":");
            fields[i] = Widgets.id(new Text(form, SWT.BORDER), "emergency." + FIELDS[i].toLowerCase().replace(' ', '-'));
            fields[i].setMessage(HINTS[i]);
            fields[i].setLayoutData(new GridData(i == 4 || i == 0 ? 140 : i == 9 ? 120 : 70, SWT.DEFAULT));
        }
        Composite actions = Widgets.toolbar(parent, 8);
        Widgets.button(actions, "Save location", "emergency.save", this::save);
        Widgets.button(actions, "Delete location", "emergency.delete", this::delete);
        new Label(actions, SWT.NONE).setText("Assign it to:");
        kind = Widgets.id(new Combo(actions, SWT.READ_ONLY), "emergency.kind");
        kind.setItems("network", "user", "number");
        kind.select(0);
        key = Widgets.id(new Text(actions, SWT.BORDER), "emergency.key");
        key.setMessage("10.1.2.0/24, alice or +15125550100");
        key.setLayoutData(new GridData(220, SWT.DEFAULT));
        Widgets.button(actions, "Assign", "emergency.assign", this::assign);
        Widgets.button(actions, "Unassign", "emergency.unassign", this::unassign);
        shown = Widgets.id(new Label(actions, SWT.NONE), "emergency.shown");
        Widgets.fillWidth(shown);
        people = Widgets.id(new Label(parent, SWT.WRAP), "emergency.people");
        Widgets.fillWidth(people);
        locations = Columns.viewer(parent, "emergency.locations", SWT.SINGLE);
        Columns.add(locations, "Location", 120, (Location l) -> l.name());
        Columns.add(locations, "Address", 470, (Location l) -> line(l.address()));
        Columns.add(locations, "ELIN", 120, (Location l) -> l.elin() == null ? "" : l.elin());
        locations.addSelectionChangedListener(e -> {
            Location l = (Location) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (l != null) {
                fill(l);
            }
        });
        assignments = Columns.viewer(parent, "emergency.assignments", SWT.SINGLE);
        Columns.add(assignments, "Applies to", 90, (Assignment a) -> a.kind());
        Columns.add(assignments, "Which", 200, (Assignment a) -> a.key());
        Columns.add(assignments, "Location", 140, (Assignment a) -> a.location());
        assignments.addSelectionChangedListener(e -> {
            Assignment a = (Assignment) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (a != null) {
                kind.setText(a.kind());
                key.setText(a.key());
            }
        });
        calls = Columns.viewer(parent, "emergency.calls", SWT.SINGLE);
        Columns.add(calls, "Started", 150, (Call c) -> ConsoleSettings.time(c.started()));
        Columns.add(calls, "Caller", 80, (Call c) -> c.user());
        Columns.add(calls, "Dialled", 80, (Call c) -> c.dialled() + (c.test() ? " (test)" : ""));
        Columns.add(calls, "Callback", 120, (Call c) -> c.callback() == null ? "" : c.callback());
        Columns.add(calls, "Location sent", 330, (Call c) -> c.address() == null ? "none: " + c.how() : c.address());
        Columns.add(calls, "Found by", 160, (Call c) -> c.how() == null ? "" : c.how());
        Columns.add(calls, "Trunk", 80, (Call c) -> c.trunk() == null ? "" : c.trunk());
        Columns.add(calls, "State", 80, (Call c) -> c.state());
        live = LiveRefresh.of("emergency calls", status, server, () -> new EmergencyClient(server.client()).snapshot(),
                EmergencyClient.EMPTY, this::show);
    }

    private void show(Snapshot s) {
        locations.setInput(s.locations());
        assignments.setInput(s.assignments());
        calls.setInput(s.calls());
        String moving = s.nomadic().stream().map(n -> n.user() + (n.unknownNetwork() ? " (on an unknown network "
                + n.lastSource() + ")" : n.lastSource() == null ? " (not seen yet)" : " (at " + n.lastSource() + ")")
                + (n.confirmedLocation() == null ? "" : ", last confirmed at " + n.confirmedLocation()))
                .collect(Collectors.joining("; "));
        people.setText("Nomadic users: " + (moving.isEmpty() ? "none" : moving) + ".   No dispatchable location: "
                + (s.unlocated().isEmpty() ? "nobody" : String.join(", ", s.unlocated())) + ".");
        people.getParent().layout();
    }

    /** @return the address as a dispatcher reads it, on one line */
    static String line(Address a) {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] { a.nam(), join(join(a.hno(), a.hns(), ""), a.rd(), " "),
            a.flr() == null ? null : "floor " + a.flr(), a.room() == null ? null : "room " + a.room(), a.loc(), a.a3(),
            join(a.a1(), a.pc(), " "), a.country() }) {
            if (part != null) {
                sb.append(sb.isEmpty() ? "" : ", ").append(part);
            }
        }
        return sb.toString();
    }

    private static String join(String a, String b, String sep) {
        return a == null ? b : b == null ? a : a + sep + b;
    }

    private void fill(Location l) {
        Address a = l.address();
        String[] values = { l.name(), a.country(), a.a1(), a.a3(), a.rd(), a.hno(), a.flr(), a.room(), a.pc(), l.elin() };
        for (int i = 0; i < values.length; i++) {
            fields[i].setText(values[i] == null ? "" : values[i]);
        }
    }

    private String field(int i) {
        String v = fields[i].getText().trim();
        return v.isEmpty() ? null : v;
    }

    private void save() {
        String name = field(0);
        if (name == null) {
            return;
        }
        Location l = new Location(name, new Address(field(1), field(2), field(3), field(4), field(5), null, field(6),
                field(7), field(8), null, null), field(9), null);
        act("Save location " + name, () -> new EmergencyClient(server.client()).save(l));
    }

    private void delete() {
        String name = field(0);
        if (name != null) {
            act("Delete location " + name, () -> new EmergencyClient(server.client()).delete(name));
        }
    }

    private void assign() {
        String name = field(0);
        String k = kind.getText();
        String which = key.getText().trim();
        if (name != null && !which.isEmpty()) {
            act("Assign " + name + " to " + k + " " + which, () -> new EmergencyClient(server.client())
                    .assign(k, which, name));
        }
    }

    private void unassign() {
        String k = kind.getText();
        String which = key.getText().trim();
        if (!which.isEmpty()) {
            act("Unassign " + k + " " + which, () -> new EmergencyClient(server.client()).unassign(k, which));
        }
    }

    /** Runs a change on the server, then shows the view again. */
    private void act(String what, Change change) {
        change(locations.getControl(), shown, what, change);
    }

    /** For the tests: the calls the log shows now. */
    List<Call> shownCalls() {
        Object input = calls.getInput();
        return input == null ? List.of() : ((List<?>) input).stream().map(Call.class::cast).toList();
    }
}
