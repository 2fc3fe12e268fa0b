package io.switchboard.kpi.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.jfree.chart.JFreeChart;

import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.Refreshable;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.kpi.api.Dashboard;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.Widget;
import io.switchboard.mgmt.client.KpiClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.sip.api.TrunkState;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Dashboards of call quality: the dashboards kept on the server (the account's, the shared ones and
 * the built-in Overview), a range picker that names the zone the buckets follow, auto-refresh, a
 * click through to the call records of a point, widgets added and removed, saved and shared, and
 * export of the whole dashboard or one widget as PNG or SVG.
 */
public class DashboardPart implements Refreshable {

    static final String[] RANGES = { "6h", "24h", "7d", "30d" };
    private static final String[] RANGE_LABELS = { "Last 6 hours", "Last 24 hours", "Last 7 days", "Last 30 days" };

    @Inject
    private SelectedServer server;
    @Inject
    private Shell shell;
    @Inject
    private IEventBroker broker;

    private Combo dashboards;
    private Combo range;
    private Label zone;
    private Label status;
    private Button auto;
    private ScrolledComposite scroll;
    private Composite grid;
    private List<Dashboard> known = List.of();
    private Dashboard current;
    private boolean unsaved;
    private final List<Tile> tiles = new ArrayList<>();
    private final WidgetTypes widgets = new WidgetTypes();
    private volatile int draws;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 11);
        dashboards = Widgets.id(new Combo(bar, SWT.DROP_DOWN | SWT.READ_ONLY), "kpi.dashboard");
        GridDataFactory.fillDefaults().hint(200, SWT.DEFAULT).applyTo(dashboards);
        dashboards.addListener(SWT.Selection, e -> open(known.get(dashboards.getSelectionIndex())));
        range = Widgets.id(new Combo(bar, SWT.DROP_DOWN | SWT.READ_ONLY), "kpi.range");
        range.setItems(RANGE_LABELS);
        range.addListener(SWT.Selection, e -> draw());
        zone = Widgets.id(new Label(bar, SWT.NONE), "kpi.zone");
        zone.setText("Times in " + ConsoleSettings.zone().getId());
        Widgets.button(bar, "Refresh", "kpi.refresh", this::draw);
        auto = Widgets.id(new Button(bar, SWT.CHECK), "kpi.auto");
        auto.setText("Auto-refresh");
        auto.addListener(SWT.Selection, e -> scheduleRefresh());
        Widgets.button(bar, "Add…", "kpi.add", this::addWidget).setToolTipText("Add a widget to this dashboard");
        Widgets.button(bar, "Save As…", "kpi.saveAs", this::saveAs).setToolTipText("Keep it on the server, shared "
                + "or not");
        Widgets.button(bar, "Delete", "kpi.delete", this::delete);
        Widgets.button(bar, "PNG…", "kpi.exportPng", () -> exportDialog("png")).setToolTipText("Export the whole "
                + "dashboard as PNG");
        Widgets.button(bar, "SVG…", "kpi.exportSvg", () -> exportDialog("svg")).setToolTipText("Export the whole "
                + "dashboard as SVG");
        new Label(bar, SWT.NONE);
        status = Widgets.id(new Label(parent, SWT.WRAP), "kpi.status");
        Widgets.fillWidth(status);
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroll);
        grid = new Composite(scroll, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).margins(4, 4).applyTo(grid);
        scroll.setContent(grid);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        scroll.addListener(SWT.Resize, e -> relayout());
        refresh();
    }

    @Inject
    @Optional
    void serverChanged(@UIEventTopic(SelectedServer.TOPIC) Object event) {
        if (status != null && !status.isDisposed()) {
            refresh();
        }
    }

    /** Loads the server's dashboards and draws the one shown (at first the built-in Overview). */
    @Override
    public void refresh() {
        if (!server.connected()) {
            status.setText("Not connected: select and connect a server.");
            return;
        }
        ServerWork.run(status, "Loading dashboards", () -> kpi().dashboards(), list -> {
            known = list;
            dashboards.setItems(list.stream().map(DashboardPart::label).toArray(String[]::new));
            Dashboard again = current == null ? null : list.stream().filter(d -> d.name().equals(current.name())
                    && d.owner().equals(current.owner())).findFirst().orElse(null);
            open(unsaved && current != null ? current : again != null ? again : list.get(0));
        }, e -> status.setText(ErrorDialogs.reason(e)));
    }

    /** @return how many times the dashboard was drawn, for tests */
    public int draws() {
        return draws;
    }

    /** @return the widgets as drawn now */
    public List<Tile> tiles() {
        return List.copyOf(tiles);
    }

    /** Writes the whole dashboard as PNG or SVG. */
    public void exportTo(Path file, String format) throws IOException {
        Exports.write(tiles, current.name() + " — " + RANGE_LABELS[range.getSelectionIndex()] + ", times in "
                + ConsoleSettings.zone().getId(), file, format);
    }

    /** Shows the call records of a bucket and key. */
    void drill(String query) {
        broker.send(ConsoleEvents.SHOW_VIEW, ConsoleEvents.CDR_SEARCH_PART);
        broker.send(ConsoleEvents.CDR_SEARCH, query);
    }

    private void open(Dashboard d) {
        current = d;
        int i = known.indexOf(d);
        if (i >= 0) {
            dashboards.select(i);
        }
        int r = Arrays.asList(RANGES).indexOf(d.range());
        range.select(r < 0 ? 1 : r);
        auto.setText(d.refreshSeconds() > 0 ? "Auto-refresh (" + d.refreshSeconds() + " s)" : "Auto-refresh");
        auto.getParent().layout();
        draw();
    }

    private void draw() {
        if (current == null || !server.connected()) {
            return;
        }
        Dashboard d = current;
        ZoneId z = ConsoleSettings.zone();
        zone.setText("Times in " + z.getId());
        Instant to = Instant.now();
        Duration span = duration(RANGES[Math.max(0, range.getSelectionIndex())]);
        ServerWork.run(status, "Drawing " + d.name(), () -> {
            KpiClient kpi = kpi();
            Map<Widget, KpiReport> reports = new LinkedHashMap<>();
            for (Widget w : d.widgets()) {
                reports.put(w, kpi.report(w.scope(), w.key(), w.granularity(),
                        Ranges.from(to, span, w.granularity(), z), to, z, w.limit()));
            }
            Map<String, TrunkState> states = new LinkedHashMap<>();
            if (d.widgets().stream().anyMatch(w -> w.type().equals("trunk-matrix"))) {
                new SipClient(server.client()).trunks().forEach(t -> {
                    if (t.state() != null) {
                        states.put(t.trunk().name(), t.state());
                    }
                });
            }
            return new Drawing(reports, states);
        }, drawing -> show(d, drawing), e -> status.setText(ErrorDialogs.reason(e)));
    }

    private record Drawing(Map<Widget, KpiReport> reports, Map<String, TrunkState> states) {
    }

    private void show(Dashboard d, Drawing drawing) {
        tiles.forEach(t -> t.root.dispose());
        tiles.clear();
        Set<String> notes = new LinkedHashSet<>();
        int index = 0;
        for (Map.Entry<Widget, KpiReport> e : drawing.reports().entrySet()) {
            Widget w = e.getKey();
            Tile tile = new Tile(grid, w, index++, tileOwner());
            JFreeChart chart = null;
            TableData table = null;
            switch (w.type()) {
                case "top" -> table = TableData.top(e.getValue(), w.limit());
                case "trunk-matrix" -> table = TableData.trunkMatrix(e.getValue(), drawing.states());
                default -> chart = widgets.chart(w, e.getValue());
            }
            if (chart == null && table == null) {
                tile.missing("No widget plugin of type '" + w.type() + "' is installed in this console");
            } else {
                tile.show(e.getValue(), chart, table);
            }
            tiles.add(tile);
            e.getValue().notes().forEach(n -> notes.add((w.title() == null ? w.type() : w.title()) + ": " + n));
        }
        relayout();
        draws++;
        status.setText(d.name() + (unsaved ? " (unsaved changes: Save As… keeps them)" : "") + " — "
                + d.widgets().size() + " widgets, drawn " + DateTimeFormatter.ofPattern("HH:mm:ss")
                        .withZone(ConsoleSettings.zone()).format(Instant.now()) + ", times in "
                + ConsoleSettings.zone().getId() + (notes.isEmpty() ? "" : ". " + String.join("; ", notes)));
        scheduleRefresh();
    }

    private Tile.Owner tileOwner() {
        return new Tile.Owner() {
            @Override
            public void drill(String query) {
                DashboardPart.this.drill(query);
            }

            @Override
            public void export(Tile tile, String format) {
                String file = fileDialog(tile.widget.title(), format);
                if (file != null) {
                    write(List.of(tile), null, Path.of(file), format);
                }
            }

            @Override
            public void remove(Tile tile) {
                List<Widget> left = new ArrayList<>(current.widgets());
                left.remove(tile.widget);
                change(left);
            }
        };
    }

    private void addWidget() {
        if (current == null) {
            return;
        }
        WidgetDialog dialog = new WidgetDialog(shell);
        if (dialog.open() == Window.OK) {
            List<Widget> more = new ArrayList<>(current.widgets());
            more.add(dialog.widget());
            change(more);
        }
    }

    private void change(List<Widget> widgetList) {
        current = new Dashboard(current.name(), current.owner(), current.shared(), current.range(), current.zone(),
                current.refreshSeconds(), widgetList, current.saved());
        unsaved = true;
        draw();
    }

    private void saveAs() {
        if (current == null) {
            return;
        }
        InputDialog name = new InputDialog(shell, "Save Dashboard", "Name of the dashboard (saved on the server for "
                + "your account):", current.owner().equals(Dashboard.BUILT_IN) ? "My " + current.name()
                        : current.name(), v -> v.isBlank() ? "A name, please" : null);
        if (name.open() != Window.OK) {
            return;
        }
        boolean share = MessageDialog.openQuestion(shell, "Share Dashboard", "Show '" + name.getValue()
                + "' to every account of this server?");
        Dashboard d = new Dashboard(name.getValue().trim(), null, share, RANGES[range.getSelectionIndex()],
                current.zone(), current.refreshSeconds(), current.widgets(), null);
        ServerWork.run(status, "Saving " + d.name(), () -> kpi().save(d), saved -> {
            current = saved;
            unsaved = false;
            refresh();
        });
    }

    private void delete() {
        if (current == null || current.owner().equals(Dashboard.BUILT_IN)) {
            MessageDialog.openInformation(shell, "Delete Dashboard", "The built-in dashboards stay; yours can go.");
            return;
        }
        if (MessageDialog.openConfirm(shell, "Delete Dashboard", "Delete '" + current.name() + "' from the server?")) {
            String name = current.name();
            ServerWork.run(status, "Deleting " + name, () -> kpi().delete(name), gone -> {
                current = null;
                unsaved = false;
                refresh();
            });
        }
    }

    private void exportDialog(String format) {
        String file = current == null ? null : fileDialog(current.name(), format);
        if (file != null) {
            try {
                exportTo(Path.of(file), format);
            } catch (IOException e) {
                ErrorDialogs.show(shell, "Export failed", e);
            }
        }
    }

    private void write(List<Tile> which, String heading, Path file, String format) {
        try {
            Exports.write(which, heading, file, format);
        } catch (IOException e) {
            ErrorDialogs.show(shell, "Export failed", e);
        }
    }

    private String fileDialog(String name, String format) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setFilterExtensions(new String[] { "*." + format });
        dialog.setFileName(name.replaceAll("[^A-Za-z0-9._-]+", "-") + "." + format);
        dialog.setOverwrite(true);
        return dialog.open();
    }

    private void scheduleRefresh() {
        if (auto.getSelection() && current != null && current.refreshSeconds() > 0) {
            int count = draws;
            auto.getDisplay().timerExec(current.refreshSeconds() * 1000, () -> {
                if (!auto.isDisposed() && auto.getSelection() && draws == count) {
                    draw();
                }
            });
        }
    }

    private void relayout() {
        if (grid.isDisposed()) {
            return;
        }
        int width = scroll.getClientArea().width;
        scroll.setMinSize(grid.computeSize(width, SWT.DEFAULT));
        grid.layout(true, true);
    }

    private KpiClient kpi() throws ManagementException {
        return new KpiClient(server.client());
    }

    private static String label(Dashboard d) {
        return d.name() + (d.owner().equals(Dashboard.BUILT_IN) ? " (built in)" : d.shared() ? " (shared by "
                + d.owner() + ")" : "");
    }

    static Duration duration(String r) {
        int n = Integer.parseInt(r.substring(0, r.length() - 1));
        return r.endsWith("d") ? Duration.ofDays(n) : Duration.ofHours(n);
    }
}
