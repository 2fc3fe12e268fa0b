package io.switchboard.cdr.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.SavedSearch;
import io.switchboard.cdr.api.SearchResult;
import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.Refreshable;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.CdrClient;
import io.switchboard.mgmt.client.ManagementException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Call record search: a query with history, field completion and syntax help; facets that narrow
 * the search when clicked; a virtual table that pages through any number of results, a window of
 * them at a time with a pager under it, sortable;
 * saved searches; export to CSV or JSON; every field of the selected record with its times' zone.
 * The last search is remembered across starts.
 */
public class CdrSearchPart implements Refreshable {

    private static final String LAST = "last";
    private static final String HISTORY = "history";
    private static final String NOT_SORTED = "the server sorts by start, SIP code, duration and MOS only; "
            + "narrow the search instead (caller:…, trunk:…)";

    @Inject
    private SelectedServer server;
    @Inject
    private Shell shell;
    @Inject
    private EModelService models;
    @Inject
    private EPartService parts;
    @Inject
    private MApplication app;
    @Inject
    private IEventBroker events;
    private CallBack callBack;
    private AskCallback askCallback;

    private Combo query;
    private Combo saved;
    private Button open;
    private CallRecord selected;
    private Label status;
    private Table results;
    private Table details;
    private FacetsPanel facets;
    private ResultPages pages;
    private Pager pager;
    private long searches;
    private String sort;
    private boolean descending = true;
    /** The server whose searches the query's drop-down holds. */
    private String historyOf;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 10);
        query = Widgets.id(new Combo(bar, SWT.DROP_DOWN), "cdr.query");
        showHistory();
        Widgets.fillWidth(query);
        query.addListener(SWT.DefaultSelection, e -> search());
        QueryAssist.attach(query);
        Widgets.button(bar, "Search", "cdr.search", this::search);
        Widgets.button(bar, "?", "cdr.help", () -> MessageDialog.openInformation(shell, "Query syntax", QueryAssist.HELP));
        saved = Widgets.id(new Combo(bar, SWT.DROP_DOWN | SWT.READ_ONLY), "cdr.saved");
        saved.addListener(SWT.Selection, e -> openSaved());
        GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(saved);
        Widgets.button(bar, "Save As…", "cdr.saveAs", this::saveAs);
        Widgets.button(bar, "Export…", "cdr.export", this::export);
        open = Widgets.button(bar, "Open", "cdr.open", this::openSelected);
        open.setToolTipText("The call's whole story: its SIP ladder, quality and recording (or double-click the row)");
        open.setEnabled(false);
        callBack = CallBack.create(bar, models, app, events);
        askCallback = AskCallback.create(bar, shell, server, text -> status.setText(text));
        status = Widgets.id(new Label(parent, SWT.NONE), "cdr.status");
        Widgets.fillWidth(status);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        facets = new FacetsPanel(sash, this::narrow);
        SashForm right = new SashForm(sash, SWT.VERTICAL);
        Composite list = new Composite(right, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(list);
        results = Widgets.id(new Table(list, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI),
                "cdr.results");
        results.setHeaderVisible(true);
        results.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(results);
        for (Rows.Column c : Rows.COLUMNS) {
            TableColumn col = new TableColumn(results, SWT.NONE);
            col.setText(c.title());
            col.setWidth(c.width());
            if (c.sort() != null) {
                col.addListener(SWT.Selection, e -> sortBy(col, c.sort()));
            } else {
                col.setToolTipText(NOT_SORTED);
                col.addListener(SWT.Selection, e -> status.setText(c.title() + ": " + NOT_SORTED));
            }
        }
        pages = new ResultPages(results, e -> status.setText(ErrorDialogs.reason(e)), () -> {
            if (pager != null) {
                pager.update();
            }
        });
        pager = new Pager(list, pages);
        results.addListener(SWT.Selection, e -> showDetails(clicked(e.item)));
        results.addListener(SWT.DefaultSelection, e -> openSelected());
        Menu menu = new Menu(results);
        MenuItem openItem = new MenuItem(menu, SWT.PUSH);
        openItem.setText("Open");
        openItem.addListener(SWT.Selection, e -> openSelected());
        menu.addListener(SWT.Show, e -> openItem.setEnabled(selected != null));
        results.setMenu(menu);
        details = Widgets.id(new Table(right, SWT.BORDER | SWT.FULL_SELECTION), "cdr.details");
        details.setHeaderVisible(true);
        new TableColumn(details, SWT.NONE).setText("Field");
        new TableColumn(details, SWT.NONE).setText("Value (times in " + ConsoleSettings.zone() + ")");
        details.getColumn(0).setWidth(140);
        details.getColumn(1).setWidth(600);
        right.setWeights(65, 35);
        sash.setWeights(22, 78);
        refresh();
    }

    @Inject
    @Optional
    void serverChanged(@UIEventTopic(SelectedServer.TOPIC) Object event) {
        if (status != null && !status.isDisposed()) {
            if (!server.id().orElse("").equals(historyOf)) {
                showHistory(); // another server: its own searches
            }
            refresh();
        }
    }

    /** Fills the query's drop-down with the selected server's last searches, and the field with its last. */
    private void showHistory() {
        historyOf = server.id().orElse("");
        query.setItems(history().toArray(String[]::new));
        query.setText(searches().get(LAST, ""));
    }

    /** Another area asks for a search (a dashboard's point: its bucket and scope). */
    @Inject
    @Optional
    void searchAsked(@UIEventTopic(ConsoleEvents.CDR_SEARCH) String asked) {
        if (query != null && !query.isDisposed() && asked != null) {
            query.setText(asked);
            search();
        }
    }

    /** Runs the search in the field again and reloads the saved searches. */
    @Override
    public void refresh() {
        if (!server.connected()) {
            status.setText("Not connected: select and connect a server.");
            return;
        }
        ServerWork.run(status, "Loading saved searches", () -> new CdrClient(server.client()).savedSearches(), list -> {
            saved.setItems(list.stream().map(SavedSearch::name).toArray(String[]::new));
            saved.setData(list);
        }, e -> status.setText(ErrorDialogs.reason(e)));
        search();
    }

    /**
     * Searches for what the query field says: the first page with the total, then the facet
     * counts, which take longer on a large result (every match is counted).
     */
    public void search() {
        String q = query.getText().trim();
        remember(q);
        int size = ConsoleSettings.pageSize();
        String by = sort;
        boolean desc = descending;
        long started = System.nanoTime();
        long search = ++searches;
        status.setText("Searching…");
        facets.show(Map.of());
        ServerWork.run(status, "Searching call records",
                () -> new CdrClient(server.client()).search(q, by, desc, 0, size, List.of()), first -> {
                    if (search != searches) {
                        return;
                    }
                    pages.reset((offset, limit) -> new CdrClient(server.client()).search(q, by, desc, offset, limit, List.of()), size,
                            first);
                    showDetails(null);
                    status.setText(String.format("%,d call records  ·  first page in %d ms  ·  %s", first.total(),
                            (System.nanoTime() - started) / 1_000_000, by == null ? "newest first"
                                    : "by " + by + (desc ? ", descending" : ", ascending")));
                    count(q, search);
                }, e -> status.setText(e.serverMessage() != null ? e.serverMessage() : ErrorDialogs.reason(e)));
    }

    /** The facet counts of a search whose first page is shown: after it, so as not to slow it down. */
    private void count(String q, long search) {
        ServerWork.run(status, "Counting call records", () -> new CdrClient(server.client()).search(q, null, true, 0, 0, FacetsPanel.FACETS),
                counted -> {
                    if (search == searches) {
                        facets.show(counted.facets());
                    }
                }, e -> status.setText(ErrorDialogs.reason(e)));
    }

    private void narrow(String facet, String value) {
        String term = facet + ":" + (value.matches("[A-Za-z0-9._+-]+") ? value : "\"" + value + "\"");
        String q = query.getText().trim();
        query.setText(q.isEmpty() ? term : "(" + q + ") AND " + term);
        search();
    }

    private void sortBy(TableColumn column, String field) {
        descending = !(field.equals(sort) && descending);
        sort = field;
        results.setSortColumn(column);
        results.setSortDirection(descending ? SWT.DOWN : SWT.UP);
        search();
    }

    /** @return the record of the row clicked if it is still selected (Ctrl+click deselects), else the first selected */
    private CallRecord clicked(Object item) {
        if (item instanceof TableItem i && results.isSelected(results.indexOf(i))) {
            return (CallRecord) i.getData();
        }
        return results.getSelectionCount() > 0 ? (CallRecord) results.getSelection()[0].getData() : null;
    }

    /** Opens the selected record's editor: its ladder, quality and recording. */
    public void openSelected() {
        if (selected == null) {
            return;
        }
        try {
            CallRecordOpener.open(selected, server, parts, models, app);
        } catch (ManagementException e) {
            status.setText(ErrorDialogs.reason(e));
        }
    }

    private void showDetails(CallRecord r) {
        selected = r;
        open.setEnabled(r != null);
        if (callBack != null) {
            callBack.select(r);
        }
        askCallback.select(r);
        details.removeAll();
        if (r != null) {
            for (String[] row : Rows.details(r)) {
                new TableItem(details, SWT.NONE).setText(row);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void openSaved() {
        List<SavedSearch> list = (List<SavedSearch>) saved.getData();
        if (list == null || saved.getSelectionIndex() < 0) {
            return;
        }
        SavedSearch s = list.get(saved.getSelectionIndex());
        query.setText(s.query() == null ? "" : s.query());
        sort = s.sort();
        descending = s.descending();
        search();
    }

    private void saveAs() {
        InputDialog name = new InputDialog(shell, "Save search", "Name of the search (" + query.getText() + "):",
                saved.getText(), n -> n.isBlank() ? "Give the search a name" : null);
        if (name.open() != Window.OK) {
            return;
        }
        SavedSearch s = new SavedSearch(null, name.getValue().trim(), query.getText().trim(), sort, descending,
                FacetsPanel.FACETS, null);
        ServerWork.run(status, "Saving search " + s.name(), () -> new CdrClient(server.client()).saveSearch(s), done -> refresh());
    }

    private void export() {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export " + pages.total() + " call records");
        dialog.setFilterExtensions(new String[] { "*.csv", "*.json" });
        dialog.setFilterNames(new String[] { "CSV", "JSON" });
        dialog.setFileName("calls.csv");
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file != null) {
            exportTo(Path.of(file));
        }
    }

    /** Exports the current search to the file, as CSV or as JSON by its name. */
    public Job exportTo(Path file) {
        try {
            ExportJob job = new ExportJob(new CdrClient(server.client()),
                    new ExportJob.Search(query.getText().trim(), sort, descending),
                    file.toString().endsWith(".json") ? "json" : "csv", file, pages.total());
            job.schedule();
            return job;
        } catch (ManagementException e) {
            ErrorDialogs.show(shell, "Cannot export", e);
            return null;
        }
    }

    private void remember(String q) {
        List<String> history = new ArrayList<>(history());
        history.remove(q);
        if (!q.isEmpty()) {
            history.add(0, q);
        }
        List<String> kept = history.subList(0, Math.min(20, history.size()));
        Preferences searches = searches();
        searches.put(LAST, q);
        searches.put(HISTORY, String.join("\n", kept));
        try {
            searches.flush(); // on disk now: a console that is killed keeps them too
        } catch (BackingStoreException e) {
            status.setText("Cannot keep the search history: " + e.getMessage());
        }
        query.setItems(kept.toArray(String[]::new));
        query.setText(q);
    }

    private List<String> history() {
        String h = searches().get(HISTORY, "");
        return h.isEmpty() ? List.of() : Arrays.asList(h.split("\n"));
    }

    /** @return the selected server's searches, kept in the console's preferences under its connection id */
    private Preferences searches() {
        return InstanceScope.INSTANCE.getNode(ConsoleSettings.NODE).node("cdr-searches")
                .node(server.id().orElse("none"));
    }

    /** @return how many pages of results the console holds now (for the memory benchmark) */
    public int cachedPages() {
        return pages.cachedPages();
    }

    @Focus
    public void focus() {
        query.setFocus();
    }
}
