package io.switchboard.sip.ui.internal;

import io.switchboard.mgmt.client.SipClient;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
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
import io.switchboard.mgmt.client.SipClient.Replay;
import io.switchboard.mgmt.client.SipClient.Simulation;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.RouteDiff;
import io.switchboard.sip.api.provisioning.RouteVersion;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The route table's history: every version with who changed what; the difference between two
 * versions; sample numbers replayed against both side by side; and rollback to a version.
 */
public class RouteHistoryPart extends LiveViewPart {

    @Inject
    private SelectedServer server;
    @Inject
    private Shell shell;

    private TableViewer versions;
    private TableViewer diff;
    private TableViewer replay;
    private Label compared;
    private Text numbers;
    private Text caller;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 3);
        Widgets.button(bar, "Compare", "routeHistory.compare", this::compare);
        Widgets.button(bar, "Roll Back to Version…", "routeHistory.rollback", this::rollback);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "routeHistory.status");
        Widgets.fillWidth(status);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        versions = Columns.viewer(sash, "routeHistory.versions", SWT.MULTI);
        Columns.add(versions, "Version", 60, (RouteVersion v) -> Integer.toString(v.version()));
        Columns.add(versions, "When", 190, (RouteVersion v) -> ConsoleSettings.time(v.created()));
        Columns.add(versions, "Who", 90, (RouteVersion v) -> v.author());
        Columns.add(versions, "Change", 260, (RouteVersion v) -> v.change());
        Columns.add(versions, "Routes", 60, (RouteVersion v) -> Integer.toString(v.routes()));

        Group changes = group(sash, "Changes between the two versions selected (or the one selected and the one before)");
        compared = Widgets.id(new Label(changes, SWT.NONE), "routeHistory.compared");
        Widgets.fillWidth(compared);
        diff = Columns.viewer(changes, "routeHistory.diff", SWT.SINGLE);
        Columns.add(diff, "Route", 100, (RouteDiff.Change c) -> c.name());
        Columns.add(diff, "Change", 80, (RouteDiff.Change c) -> c.kind().name().toLowerCase());
        Columns.add(diff, "Fields", 140, (RouteDiff.Change c) -> String.join(", ", c.fields()));
        Columns.add(diff, "Before", 260, (RouteDiff.Change c) -> describe(c.before()));
        Columns.add(diff, "After", 260, (RouteDiff.Change c) -> describe(c.after()));

        Group samples = group(sash, "Sample numbers replayed against both versions");
        Composite inputs = new Composite(samples, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(inputs);
        Widgets.fillWidth(inputs);
        numbers = Widgets.id(new Text(inputs, SWT.BORDER), "routeHistory.numbers");
        numbers.setMessage("+442071234567, +12125550100, 00331… (comma-separated)");
        Widgets.fillWidth(numbers);
        caller = Widgets.id(new Text(inputs, SWT.BORDER), "routeHistory.caller");
        caller.setMessage("caller (optional)");
        Widgets.button(inputs, "Replay", "routeHistory.replay", this::replay);
        replay = Columns.viewer(samples, "routeHistory.replayTable", SWT.SINGLE);
        Columns.add(replay, "Number", 130, (Replay r) -> r.number());
        Columns.add(replay, "Same", 60, (Replay r) -> r.same() ? "same" : "DIFFERS");
        Columns.add(replay, "Older version", 320, (Replay r) -> outcome(r.from()));
        Columns.add(replay, "Newer version", 320, (Replay r) -> outcome(r.to()));
        sash.setWeights(30, 30, 40);

        live = LiveRefresh.of("route history", status, server, () -> new SipClient(server.client()).routeVersions(), List.of(),
                versions::setInput);
    }


    /** @return the two versions to compare, older first: the two selected, or the one selected and its predecessor */
    private int[] pair() {
        List<?> chosen = ((IStructuredSelection) versions.getSelection()).toList();
        int[] v = chosen.stream().mapToInt(o -> ((RouteVersion) o).version()).sorted().toArray();
        if (v.length == 1 && v[0] > 1) {
            return new int[] { v[0] - 1, v[0] };
        }
        return v.length == 2 ? v : null;
    }

    private void compare() {
        int[] v = pair();
        if (v == null) {
            compared.setText("Select two versions, or one to compare with the version before it.");
            return;
        }
        ServerWork.run(diff.getControl(), "Comparing versions " + v[0] + " and " + v[1],
                () -> new SipClient(server.client()).routeDiff(v[0], v[1]), d -> {
                    diff.setInput(d.changes());
                    compared.setText("Version " + d.from() + " → " + d.to() + ": " + (d.changes().isEmpty()
                            ? "the same routes" : d.changes().size() + " route(s) differ"));
                });
    }

    private void replay() {
        int[] v = pair();
        List<String> sample = Arrays.stream(numbers.getText().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        if (v == null || sample.isEmpty()) {
            compared.setText("Select the versions and enter the sample numbers to replay.");
            return;
        }
        String who = caller.getText().isBlank() ? null : caller.getText().trim();
        ServerWork.run(replay.getControl(), "Replaying " + sample.size() + " numbers",
                () -> new SipClient(server.client()).compareRoutes(v[0], v[1], who, sample), c -> {
                    replay.setInput(c.results());
                    compared.setText("Version " + c.from() + " → " + c.to() + ": " + c.differ() + " of "
                            + c.results().size() + " numbers would be routed differently");
                });
    }

    private void rollback() {
        List<?> chosen = ((IStructuredSelection) versions.getSelection()).toList();
        if (chosen.size() != 1) {
            compared.setText("Select the one version to roll back to.");
            return;
        }
        RouteVersion v = (RouteVersion) chosen.get(0);
        if (MessageDialog.openConfirm(shell, "Roll back the route table", "Put the route table of version "
                + v.version() + " (" + v.change() + ", " + v.routes() + " routes) back? Calls follow it at once; "
                + "the present table stays in the history as a version.")) {
            ServerWork.run(versions.getControl(), "Rolling back to version " + v.version(),
                    () -> new SipClient(server.client()).rollbackRoutes(v.version()), made -> live.now());
        }
    }

    private static String describe(Route r) {
        return r == null ? "" : r.pattern() + " → " + String.join(", ", r.trunks()) + " (prio " + r.priority()
                + (r.strip() > 0 ? ", strip " + r.strip() : "") + (r.prepend() != null ? ", prepend " + r.prepend() : "")
                + (r.enabled() ? "" : ", disabled") + ")";
    }

    private static String outcome(Simulation s) {
        String trunks = s.trunks() == null ? "" : String.join(", ", s.trunks().stream().map(t -> t.trunk()).toList());
        return s.result() + (s.route() == null ? "" : ": route " + s.route()) + (trunks.isEmpty() ? "" : " via " + trunks);
    }

    private static Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(g);
        return g;
    }
}
