package io.switchboard.cluster.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ClusterClient;
import io.switchboard.mgmt.client.ClusterClient.Node;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The servers on the selected server's database, live: each one's health (alive, silent, or lost
 * and taken over), calls in progress, load against its processors, version and when it started.
 * The line above says which of them the console talks to, and how many are alive.
 */
public class ClusterPart extends LiveViewPart {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Inject
    SelectedServer server;

    private TableViewer table;
    private Label summary;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 2);
        summary = Widgets.id(new Label(bar, SWT.NONE), "cluster.summary");
        Widgets.fillWidth(summary);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "cluster.status");
        table = Columns.viewer(parent, "cluster.table", SWT.SINGLE);
        Columns.add(table, "Server", 140, (Node n) -> n.name());
        Columns.add(table, "Health", 260, ClusterPart::health);
        Columns.add(table, "Calls", 70, (Node n) -> Integer.toString(n.calls()));
        Columns.add(table, "Load", 110, (Node n) -> n.load() < 0 ? "-"
                : String.format("%.2f of %d", n.load(), n.processors()));
        Columns.add(table, "Version", 200, (Node n) -> n.version());
        Columns.add(table, "Started", 160, (Node n) -> TIME.format(n.started()));
        live = LiveRefresh.of("cluster", status, server, () -> new ClusterClient(server.client()).nodes(),
                new ClusterClient.Cluster(null, List.of()), cluster -> {
                    long alive = cluster.nodes().stream().filter(Node::alive).count();
                    summary.setText(cluster.self() == null ? "" : "This server: " + cluster.self() + ". "
                            + cluster.nodes().size() + " on its database, " + alive + " alive.");
                    summary.getParent().layout();
                    table.setInput(cluster.nodes());
                });
    }

    /** @return alive, silent for how long, or lost since when */
    static String health(Node n) {
        if (n.alive()) {
            return "alive";
        }
        long silent = Duration.between(n.seen(), Instant.now()).toSeconds();
        return n.lost() == null ? "silent for " + silent + " s"
                : "lost " + TIME.format(n.lost()) + ", its calls' records taken over";
    }
}
