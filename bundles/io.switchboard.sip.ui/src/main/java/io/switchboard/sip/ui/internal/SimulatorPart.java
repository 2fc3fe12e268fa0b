package io.switchboard.sip.ui.internal;

import io.switchboard.mgmt.client.SipClient;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.List;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient.Simulation;
import io.switchboard.sip.api.routing.TrunkChoice;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The route simulator: which route and trunks would a call from this caller to this number take,
 * at this time, and why, and the call's whole path from there (the phones, their forwards, groups,
 * voicemail) as a tree. It asks the server's routing, the same decision real calls follow.
 */
public class SimulatorPart {

    @Inject
    private SelectedServer server;

    private FieldForm form;
    private Text caller;
    private Text number;
    private Text time;
    private Label result;
    private TableViewer trunks;
    private List why;
    private Tree path;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);
        form = new FieldForm(parent, "simulator", () -> { });
        Widgets.fillWidth(form.control());
        caller = form.text("caller", "Caller (user):", "alice (empty: do not check a caller)");
        number = form.text("number", "Number dialled:", "+442071234567 or 0044…");
        time = form.text("time", "At (local time):", "2026-11-23T09:30 (empty: now), in " + ConsoleSettings.zone());
        number.addListener(SWT.DefaultSelection, e -> simulate());
        Widgets.button(form.control(), "Simulate", "simulator.run", this::simulate);
        result = Widgets.id(new Label(parent, SWT.WRAP), "simulator.result");
        GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(result);
        // the decision on the left, the call's path beside it: both read at once, each with room
        SashForm panes = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(panes);
        Composite decision = pane(panes);
        new Label(decision, SWT.NONE).setText("Trunks, in the order they would be tried:");
        trunks = Columns.viewer(decision, "simulator.trunks", SWT.SINGLE);
        Columns.add(trunks, "Trunk", 140, (TrunkChoice t) -> t.trunk());
        Columns.add(trunks, "Usable", 70, (TrunkChoice t) -> t.usable() ? "yes" : "no");
        Columns.add(trunks, "Why", 420, (TrunkChoice t) -> t.why());
        new Label(decision, SWT.NONE).setText("Why:");
        why = Widgets.id(new List(decision, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL), "simulator.why");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(why);
        Composite route = pane(panes);
        new Label(route, SWT.NONE).setText("The call's path: phones, forwards, groups, voicemail:");
        path = Widgets.id(new Tree(route, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL), "simulator.path");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(path);
        panes.setWeights(1, 1);
    }

    private static Composite pane(SashForm panes) {
        Composite c = new Composite(panes, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(c);
        return c;
    }

    private void simulate() {
        Instant at;
        try {
            at = time.getText().isBlank() ? null
                    : LocalDateTime.parse(time.getText().trim()).atZone(ConsoleSettings.zone()).toInstant();
        } catch (DateTimeParseException e) {
            form.showError(new ManagementException("", 400, null,
                    "Invalid time '" + time.getText().trim() + "': like 2026-11-23T09:30"));
            return;
        }
        String who = caller.getText().trim();
        String dialled = number.getText().trim();
        form.clearErrors();
        path.removeAll(); // the last simulation's path is not this number's
        ServerWork.run(result, "Simulating a call to " + dialled,
                () -> new SipClient(server.client()).simulate(who.isEmpty() ? null : who, dialled, at), this::show, form::showError);
    }

    private void show(Simulation s) {
        result.setText(s.result() + (s.route() == null ? "" : "  ·  route " + s.route())
                + (s.dialled() == null ? "" : "  ·  sends " + s.dialled())
                + (s.destination() == null ? "" : "  ·  to " + s.destination()));
        trunks.setInput(s.trunks() == null ? java.util.List.of() : s.trunks());
        why.setItems(s.why() == null ? new String[0] : s.why().toArray(String[]::new));
        path.removeAll();
        if (s.path() != null && s.path().isObject()) {
            TreeItem root = new TreeItem(path, SWT.NONE);
            PathTree.fill(root, s.path());
            PathTree.expand(root);
        }
        result.getParent().layout(true, true);
    }
}
