package io.switchboard.console.ui.internal;

import java.time.Duration;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ServerOverview;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** What the selected server says about itself: health, versions, uptime, bundles, plugins. */
public class OverviewPart {

    @Inject
    private ServerRegistry registry;

    private ServerConnection shown;
    private Label heading;
    private Label health;
    private Label version;
    private Label runtime;
    private Label started;
    private Label bundles;
    private Label heap;
    private TableViewer plugins;
    private TableViewer bundleTable;

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(8, 8).applyTo(parent);
        heading = new Label(parent, SWT.WRAP);
        heading.setData(Widgets.ID, "overview.heading");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(heading);
        Composite facts = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 4).applyTo(facts);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(facts);
        health = fact(facts, "Health:", "overview.health");
        version = fact(facts, "Version:", "overview.version");
        runtime = fact(facts, "Runtime:", "overview.runtime");
        started = fact(facts, "Started:", "overview.started");
        bundles = fact(facts, "Bundles active:", "overview.bundles");
        heap = fact(facts, "Heap:", "overview.heap");

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        plugins = table(group(sash, "Plugins"), "overview.plugins");
        Columns.add(plugins, "Plugin", 170, (ServerOverview.Plugin p) -> p.name());
        Columns.add(plugins, "Vendor", 100, (ServerOverview.Plugin p) -> p.vendor());
        Columns.add(plugins, "Ranking", 70, (ServerOverview.Plugin p) -> Integer.toString(p.ranking()));
        Columns.add(plugins, "Extends", 120, (ServerOverview.Plugin p) -> shortNames(p.interfaces()));
        Columns.add(plugins, "Bundle", 160, (ServerOverview.Plugin p) -> p.bundle() + " " + p.bundleVersion());
        Columns.add(plugins, "Signed by", 150, (ServerOverview.Plugin p) -> p.signer().isEmpty() ? "unsigned" : p.signer());
        Columns.add(plugins, "Provides", 150, (ServerOverview.Plugin p) -> shortNames(p.provides()));
        Columns.add(plugins, "Uses", 150, (ServerOverview.Plugin p) -> shortNames(p.uses()));
        bundleTable = table(group(sash, "Bundles"), "overview.bundleTable");
        Columns.add(bundleTable, "Id", 50, (ServerOverview.Bundle b) -> Long.toString(b.id()));
        Columns.add(bundleTable, "Bundle", 320, (ServerOverview.Bundle b) -> b.symbolicName());
        Columns.add(bundleTable, "Version", 160, (ServerOverview.Bundle b) -> b.version());
        Columns.add(bundleTable, "State", 90, (ServerOverview.Bundle b) -> b.state());
        show(null);
    }

    @Inject
    @Optional
    void selected(@UIEventTopic(ServerRegistry.TOPIC_SELECTED) Object connection) {
        if (heading != null && !heading.isDisposed()) {
            show(connection instanceof ServerConnection c ? c : null);
        }
    }

    @Inject
    @Optional
    void serversChanged(@UIEventTopic(ServerRegistry.TOPIC) Object event) {
        if (heading != null && !heading.isDisposed()) {
            show(shown == null ? null
                    : registry.connections().stream().filter(c -> c.id().equals(shown.id())).findFirst().orElse(null));
        }
    }

    private void show(ServerConnection connection) {
        shown = connection;
        ServerRegistry.Status status = connection == null ? null : registry.status(connection);
        ServerOverview o = status == null ? null : status.overview();
        if (connection == null) {
            heading.setText("Select a server in the Servers navigator and connect to see its overview.");
        } else if (o == null) {
            heading.setText(connection.name() + " (" + connection.url() + "): " + switch (status.state()) {
                case CONNECTING -> "connecting…";
                case FAILED -> "connection failed: " + status.message();
                case LOST -> status.message();
                default -> "not connected. Press Connect.";
            });
        } else {
            heading.setText(connection.name() + " (" + connection.url() + "): connected as " + connection.user());
        }
        health.setText(o == null ? "" : o.health() + (o.healthChecks().isEmpty() ? "" : "  ("
                + String.join(", ", o.healthChecks().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())
                + ")"));
        version.setText(o == null ? "" : o.product() + " " + o.version());
        runtime.setText(o == null ? "" : o.framework() + ", Java " + o.java());
        started.setText(o == null ? "" : o.started() + " (up " + Duration.ofSeconds(o.uptimeSeconds()).toString()
                .substring(2).toLowerCase() + ")");
        bundles.setText(o == null ? "" : o.bundleSummary());
        heap.setText(o == null ? "" : (o.heapUsedBytes() >> 20) + " MB of " + (o.heapMaxBytes() >> 20) + " MB");
        plugins.setInput(o == null ? List.of() : o.plugins());
        bundleTable.setInput(o == null ? List.of() : o.bundles());
        heading.getParent().layout(true, true);
    }

    private static Label fact(Composite parent, String label, String id) {
        new Label(parent, SWT.NONE).setText(label);
        Label value = new Label(parent, SWT.NONE);
        value.setData(Widgets.ID, id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(value);
        return value;
    }

    private static Composite group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(g);
        return g;
    }

    private static TableViewer table(Composite parent, String id) {
        return Columns.viewer(parent, id, SWT.VIRTUAL);
    }

    /** Interface names without their packages, which the column could not fit. */
    private static String shortNames(List<String> interfaces) {
        return String.join(", ", interfaces.stream().map(i -> i.substring(i.lastIndexOf('.') + 1)).toList());
    }
}
