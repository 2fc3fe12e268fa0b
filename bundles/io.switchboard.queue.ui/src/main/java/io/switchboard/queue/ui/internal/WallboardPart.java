package io.switchboard.queue.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
import io.switchboard.mgmt.client.QueuesClient;
import io.switchboard.mgmt.client.QueuesClient.Agent;
import io.switchboard.mgmt.client.QueuesClient.Status;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The queues' wallboard, live: every queue's figures in a table, the chosen queue's in big coloured tiles, and its
 * agents by state, with their pause's reason. A supervisor makes an agent ready, pauses them with a reason, or logs
 * them out; the server's refusal (a member logging out) is said beside the buttons.
 */
public class WallboardPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private TableViewer queues;
    private TableViewer agents;
    private Tiles tiles;
    private Text reason;
    private Label shown;
    private String chosen;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 2);
        new Label(bar, SWT.NONE).setText("Call queues, live (today's figures are this server's)");
        Label status = Widgets.id(new Label(bar, SWT.NONE), "queue.status");
        tiles = new Tiles(parent);
        queues = Columns.viewer(parent, "queue.queues", SWT.SINGLE);
        Columns.add(queues, "Queue", 90, (Status s) -> s.queue());
        Columns.add(queues, "Waiting", 70, (Status s) -> Integer.toString(s.waiting()));
        Columns.add(queues, "Callbacks", 80, (Status s) -> Integer.toString(s.callbacks()));
        Columns.add(queues, "Longest wait", 100, (Status s) -> Tiles.minutes(s.longestWaitSeconds()));
        Columns.add(queues, "Agents ready", 100, (Status s) -> Long.toString(s.agents().stream()
                .filter(a -> a.state().equals("READY")).count()));
        Columns.add(queues, "Offered", 70, (Status s) -> Integer.toString(s.offeredToday()));
        Columns.add(queues, "Answered", 80, (Status s) -> Integer.toString(s.answeredToday()));
        Columns.add(queues, "Abandoned", 90, (Status s) -> Integer.toString(s.abandonedToday()));
        Columns.add(queues, "Overflowed", 90, (Status s) -> Integer.toString(s.overflowedToday()));
        Columns.add(queues, "Service level", 110, (Status s) -> s.serviceLevel() < 0 ? "-"
                : Math.round(s.serviceLevel()) + " %");
        ((GridData) queues.getTable().getLayoutData()).heightHint = 110;
        queues.addSelectionChangedListener(e -> {
            Status s = (Status) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (s != null) {
                chosen = s.queue();
                showChosen(s);
            }
        });
        Composite actions = Widgets.toolbar(parent, 6);
        Widgets.button(actions, "Ready", "queue.ready", () -> agent("READY"));
        Widgets.button(actions, "Pause", "queue.pause", () -> agent("PAUSED"));
        new Label(actions, SWT.NONE).setText("Reason:");
        reason = Widgets.id(new Text(actions, SWT.BORDER), "queue.reason");
        reason.setMessage("lunch");
        reason.setLayoutData(new GridData(140, SWT.DEFAULT));
        Widgets.button(actions, "Log out", "queue.logout", () -> agent("LOGGED_OUT"));
        shown = Widgets.id(new Label(actions, SWT.NONE), "queue.shown");
        Widgets.fillWidth(shown);
        agents = Columns.viewer(parent, "queue.agents", SWT.SINGLE);
        Columns.add(agents, "Agent", 110, (Agent a) -> a.agent() + (a.member() ? " (member)" : ""));
        Columns.add(agents, "State", 100, (Agent a) -> a.state());
        Columns.add(agents, "Reason", 140, (Agent a) -> a.reason());
        Columns.add(agents, "For", 80, (Agent a) -> a.since() == null ? "" : Tiles.minutes(Math.max(0,
                Duration.between(a.since(), Instant.now()).toSeconds())));
        Columns.add(agents, "Calls today", 90, (Agent a) -> Integer.toString(a.callsToday()));
        live = LiveRefresh.of("queues", status, server, () -> new QueuesClient(server.client()).statuses(), List.of(),
                this::show);
    }

    private void show(List<Status> all) {
        queues.setInput(all);
        Status s = all.stream().filter(q -> q.queue().equals(chosen)).findFirst()
                .orElse(all.isEmpty() ? null : all.get(0));
        showChosen(s);
    }

    private void showChosen(Status s) {
        tiles.show(s);
        agents.setInput(s == null ? List.of() : s.agents());
        agents.getTable().getParent().layout(true, true);
    }

    private void agent(String state) {
        Agent a = (Agent) agents.getStructuredSelection().getFirstElement();
        if (a == null) {
            return;
        }
        String why = reason.getText();
        ServerWork.run(agents.getControl(), "Agent " + a.agent() + " " + state, () -> new QueuesClient(
                server.client()).agent(a.queue(), a.agent(), state, why), done -> {
                    shown.setForeground(null);
                    shown.setText(done.agent() + " of queue " + done.queue() + ": " + done.state());
                    shown.getParent().layout();
                    refresh();
                }, e -> ErrorDialogs.beside(shown, "Not changed: ", e));
    }
}
