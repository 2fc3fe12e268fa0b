package io.switchboard.sip.ui.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.Refreshable;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.console.ui.widgets.ServerCall;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * An editor of one kind of record on the selected server: a filterable table, a form with the
 * server's errors beside their fields, dirty state with Save (Ctrl+S) and Revert, and Delete after
 * a confirmation. Subclasses say what the records are; every server call runs in a job.
 */
abstract class RecordEditorPart<T> implements Refreshable {

    @Inject
    SelectedServer server;
    @Inject
    MDirtyable dirty;
    @Inject
    Shell shell;
    @Inject
    MPart part;
    @Inject
    EMenuService menus;
    @Inject
    ESelectionService selection;
    @Inject
    IEventBroker events;

    private final String kind;
    private final String id;
    TableViewer table;
    FieldForm form;
    private Text filter;
    private Label status;
    private Button delete;
    private T current;
    private boolean creating;

    /**
     * @param kind what one record is called ("trunk")
     * @param id the prefix of the part's widget ids ("trunks")
     */
    RecordEditorPart(String kind, String id) {
        this.kind = kind;
        this.id = id;
    }

    /** The record's key, shown in confirmations and kept selected across reloads. */
    abstract String key(T record);

    /** The text the filter searches in. */
    abstract String searchText(T record);

    abstract void columns(TableViewer viewer);

    abstract void fields(FieldForm form);

    /** Fills the form from a record, or empties it for a new one (null). */
    abstract void show(T record);

    /** @return the record the form describes; a value the console can check itself is refused here */
    abstract T read() throws ManagementException;

    /** The field holding the key: editable for a new record only. */
    abstract Text keyField();

    abstract List<T> load(SipClient sip) throws ManagementException;

    abstract T save(SipClient sip, T record, boolean isNew) throws ManagementException;

    abstract boolean delete(SipClient sip, T record) throws ManagementException;

    /** Room for buttons of the subclass's own, after New, Save, Revert and Delete. */
    void moreButtons(Composite bar) {
    }

    @PostConstruct
    public void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        status = Widgets.id(new Label(parent, SWT.WRAP), id + ".status");
        Widgets.fillWidth(status);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(left);
        filter = Widgets.id(new Text(left, SWT.BORDER | SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), id + ".filter");
        filter.setMessage("Filter " + kind + "s");
        Widgets.fillWidth(filter);
        table = Columns.viewer(left, id + ".table", SWT.SINGLE);
        columns(table);
        table.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer viewer, Object parent, Object element) {
                @SuppressWarnings("unchecked")
                String text = searchText((T) element).toLowerCase(Locale.ROOT);
                return text.contains(filter.getText().trim().toLowerCase(Locale.ROOT));
            }
        });
        filter.addModifyListener(e -> table.refresh());
        table.addSelectionChangedListener(e -> selected());
        // the selected record is the part's selection, and plugins add actions on it to the table's
        // context menu: the part's popup menu "<part id>.popup", which their model fragments extend
        table.addSelectionChangedListener(e -> selection.setSelection(
                ((IStructuredSelection) e.getSelection()).getFirstElement()));
        String popup = part.getElementId() + ".popup";
        if (part.getMenus().stream().anyMatch(m -> popup.equals(m.getElementId()))) {
            menus.registerContextMenu(table.getControl(), popup);
        }

        // the buttons above the form and the form in a scrolled pane: a trunk's form is taller than the
        // part when the live views share the window, and its Save button had gone out of sight
        Composite right = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        Composite bar = new Composite(right, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(8).applyTo(bar);
        Widgets.button(bar, "New", id + ".new", this::create);
        Widgets.button(bar, "Save", id + ".save", this::save);
        Widgets.button(bar, "Revert", id + ".revert", this::revert);
        delete = Widgets.button(bar, "Delete…", id + ".delete", this::delete);
        moreButtons(bar);
        ScrolledComposite scroll = new ScrolledComposite(right, SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroll);
        Composite content = new Composite(scroll, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(content);
        form = new FieldForm(content, id + ".form", () -> dirty.setDirty(true));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(form.control());
        fields(form);
        scroll.setContent(content);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        scroll.addListener(SWT.Resize, e -> scroll.setMinSize(content.computeSize(scroll.getClientArea().width,
                SWT.DEFAULT)));
        sash.setWeights(45, 55);
        edit(null, true);
        refresh();
    }

    @Inject
    @Optional
    void serverChanged(@UIEventTopic(SelectedServer.TOPIC) Object event) {
        if (table != null && !table.getControl().isDisposed()) {
            refresh();
        }
    }

    /** A record changed here, in an editor of its own or elsewhere: the table reads them again. */
    @Inject
    @Optional
    void objectsChanged(@UIEventTopic(ConsoleEvents.OBJECTS_CHANGED) Object event) {
        if (table != null && !table.getControl().isDisposed()) {
            refresh();
        }
    }

    @Override
    public void refresh() {
        status.setText(server.connected() ? "Loading " + kind + "s…" : "Not connected: select and connect a server.");
        if (!server.connected()) {
            table.setInput(List.of());
            return;
        }
        String keep = current == null ? null : key(current);
        ServerWork.run(table.getControl(), "Loading " + kind + "s", () -> load(new SipClient(server.client())), records -> {
            table.setInput(records);
            status.setText(records.size() + " " + kind + (records.size() == 1 ? "" : "s") + " on "
                    + server.name().orElse("?"));
            if (keep != null && !dirty.isDirty()) {
                records.stream().filter(r -> key(r).equals(keep)).findFirst()
                        .ifPresent(r -> table.setSelection(new StructuredSelection(r), true));
            }
        }, e -> status.setText(ErrorDialogs.reason(e)));
    }

    @SuppressWarnings("unchecked")
    private void selected() {
        T chosen = (T) ((IStructuredSelection) table.getSelection()).getFirstElement();
        if (chosen == null || Objects.equals(chosen, current) && !creating) {
            return;
        }
        if (mayDiscard()) {
            edit(chosen, false);
        } else {
            // the form keeps the changes: the row selected is the record the form shows
            table.setSelection(current == null || creating ? StructuredSelection.EMPTY
                    : new StructuredSelection(current), true);
        }
    }

    private void create() {
        if (mayDiscard()) {
            table.setSelection(StructuredSelection.EMPTY);
            edit(null, true);
            keyField().setFocus();
        }
    }

    private boolean mayDiscard() {
        return !dirty.isDirty() || MessageDialog.openQuestion(shell, "Discard changes",
                "Discard the changes to " + (creating ? "the new " + kind : kind + " '" + key(current) + "'") + "?");
    }

    private void edit(T record, boolean isNew) {
        current = record;
        creating = isNew;
        form.load(() -> show(record));
        String notice = record == null ? "" : notice(record);
        if (!notice.isEmpty()) {
            form.showMessage(notice); // what the server warns of stays above the form while it shows the record
        }
        keyField().setEditable(isNew);
        delete.setEnabled(!isNew);
        dirty.setDirty(false);
    }

    /** @return what the server warns of for the record, shown above the form; empty for none */
    String notice(T record) {
        return "";
    }

    private void revert() {
        edit(current, creating);
    }

    @Persist
    public void save() {
        T record;
        try {
            record = read();
        } catch (ManagementException invalid) {
            form.showError(invalid);
            return;
        }
        store(record, creating);
    }

    private void store(T record, boolean isNew) {
        T base = current;
        run("Saving " + kind + " " + key(record), () -> save(new SipClient(server.client()), record, isNew), saved -> {
            current = saved;
            creating = false;
            edit(saved, false);
            events.post(ConsoleEvents.OBJECTS_CHANGED, Map.of());
        }, refusal -> conflict(base, record, refusal));
    }

    /**
     * Another change of the record landed after the form was made from it (412): the server's record is read
     * and the two set side by side; the admin saves a merge, takes theirs, or goes on editing.
     */
    private void conflict(T base, T mine, ManagementException refusal) {
        if (base == null || !(this instanceof Versioned<?>)) {
            form.showError(refusal);
            if (refusal.status() == 412) {
                refresh(); // the list shows theirs: the row selected again starts from it
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Versioned<T> kept = (Versioned<T>) this;
        String name = key(mine);
        ServerWork.run(table.getControl(), "Reading " + kind + " " + name, () -> load(new SipClient(server.client())),
                records -> {
                    T theirs = records.stream().filter(r -> key(r).equals(name)).findFirst().orElse(null);
                    if (theirs == null) {
                        form.showMessage("The " + kind + " '" + name + "' was deleted meanwhile: Save makes it again.");
                        kept.forgetVersion();
                        creating = true;
                        return;
                    }
                    ConflictDialog dialog = new ConflictDialog(shell, kind + " '" + name + "'", FieldMerge.differing(
                            kept.fields(base), kept.fields(mine), kept.fields(theirs), kept.notMerged()), form::label);
                    int answer = dialog.open();
                    if (answer == ConflictDialog.TAKE_THEIRS) {
                        // the form first, so that selecting the row finds nothing to discard
                        edit(theirs, false);
                        table.setInput(records);
                        table.setSelection(new StructuredSelection(theirs), true);
                    } else if (answer == IDialogConstants.OK_ID) {
                        store(kept.withFields(mine, FieldMerge.merged(kept.fields(mine), kept.fields(theirs),
                                dialog.keepMine())), false);
                    } else {
                        form.showError(refusal);
                    }
                }, e -> form.showError(refusal));
    }

    private void delete() {
        if (current == null || !MessageDialog.openConfirm(shell, "Delete " + kind,
                "Delete " + kind + " '" + key(current) + "' from " + server.name().orElse("the server") + "? "
                        + "This cannot be undone.")) {
            return;
        }
        T gone = current;
        run("Deleting " + kind + " " + key(gone), () -> delete(new SipClient(server.client()), gone), deleted -> {
            edit(null, true);
            events.post(ConsoleEvents.OBJECTS_CHANGED, Map.of());
        });
    }

    /** Runs a change on the server; a refusal shows beside its field, anything else in a dialog. */
    <R> void run(String title, ServerCall<R> call, Consumer<R> done) {
        run(title, call, done, null);
    }

    /** As {@link #run(String, ServerCall, Consumer)}, with a 412 (changed meanwhile) handed to {@code stale}. */
    private <R> void run(String title, ServerCall<R> call, Consumer<R> done, Consumer<ManagementException> stale) {
        ServerWork.run(table.getControl(), title, call, done, e -> {
            if (stale != null && e.status() == 412) {
                stale.accept(e);
            } else if (form.showError(e) == null && e.status() == 0) {
                ErrorDialogs.show(shell, title + " failed", e);
            }
        });
    }

    @Focus
    public void focus() {
        table.getControl().setFocus();
    }

    /** A refusal made by the console itself, worded as the server words them so it lands beside its field. */
    static ManagementException invalid(String field, String value, String rule) {
        String text = "Invalid " + field + " '" + value + "': " + rule;
        return new ManagementException(text, 400, null, text);
    }

    static int number(Text text, String field) throws ManagementException {
        String v = text.getText().trim();
        try {
            return v.isEmpty() ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(field, v, "a whole number");
        }
    }

    static List<String> list(Text text) {
        return Arrays.stream(text.getText().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String joined(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
