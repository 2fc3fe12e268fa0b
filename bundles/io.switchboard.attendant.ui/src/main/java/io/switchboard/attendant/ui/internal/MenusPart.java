package io.switchboard.attendant.ui.internal;

import java.util.List;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
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
import io.switchboard.mgmt.client.MenusClient;
import io.switchboard.mgmt.client.MenusClient.Menu;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The auto attendant's menus on the selected server, live, and a form to make or change one. A menu is saved with
 * the version it was read at: when another admin changed it meanwhile, the server refuses the save and the form
 * says so, keeping what was typed, instead of writing over the other change. The server checks every field (a
 * greeting with nothing behind it, a key to nowhere or outside) and its refusal is said beside the form.
 */
public class MenusPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private TableViewer table;
    private Text name;
    private Text greeting;
    private Text keys;
    private Button directDial;
    private Text timeout;
    private Text retries;
    private Text onTimeout;
    private Text onInvalid;
    private Text description;
    private Label shown;
    /** The version the form's menu was read at; 0 for a new one. */
    private long version;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 7);
        new Label(bar, SWT.NONE).setText("Menu (extension):");
        name = Widgets.id(new Text(bar, SWT.BORDER), "menus.name");
        name.setMessage("800");
        name.setLayoutData(new GridData(90, SWT.DEFAULT));
        name.addModifyListener(e -> version = 0);
        new Label(bar, SWT.NONE).setText("Greeting:");
        greeting = Widgets.id(new Text(bar, SWT.BORDER), "menus.greeting");
        greeting.setMessage("welcome");
        greeting.setLayoutData(new GridData(140, SWT.DEFAULT));
        new Label(bar, SWT.NONE).setText("Description:");
        description = Widgets.id(new Text(bar, SWT.BORDER), "menus.description");
        Widgets.fillWidth(description);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "menus.status");
        Composite form = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 0).applyTo(form);
        Widgets.fillWidth(form);
        new Label(form, SWT.NONE).setText("Keys, one per line (1 = sales, 2 = menu:801, 9 = directory, "
                + "0 = voicemail:reception):");
        new Label(form, SWT.NONE);
        keys = Widgets.id(new Text(form, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL), "menus.keys");
        GridData area = new GridData(SWT.FILL, SWT.FILL, true, false);
        area.heightHint = 110;
        keys.setLayoutData(area);
        Composite right = new Composite(form, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(right);
        directDial = Widgets.id(new Button(right, SWT.CHECK), "menus.directDial");
        directDial.setText("Callers may dial an extension");
        new Label(right, SWT.NONE);
        timeout = field(right, "Seconds to wait for a key:", "menus.timeout", "5");
        retries = field(right, "Retries:", "menus.retries", "2");
        onTimeout = field(right, "No key, after the retries, to:", "menus.onTimeout", "goodbye");
        onInvalid = field(right, "Invalid keys, after the retries, to:", "menus.onInvalid", "goodbye");
        Composite actions = Widgets.toolbar(parent, 3);
        Widgets.button(actions, "Save", "menus.save", this::save);
        Widgets.button(actions, "Delete", "menus.delete", this::delete);
        shown = Widgets.id(new Label(actions, SWT.NONE), "menus.shown");
        Widgets.fillWidth(shown);
        table = Columns.viewer(parent, "menus.table", SWT.SINGLE);
        Columns.add(table, "Menu", 90, (Menu m) -> m.name());
        Columns.add(table, "Greeting", 120, (Menu m) -> m.greeting());
        Columns.add(table, "Keys", 320, (Menu m) -> MenuText.summary(m.keys()));
        Columns.add(table, "Direct dial", 90, (Menu m) -> m.directDial() ? "yes" : "no");
        Columns.add(table, "No key", 120, (Menu m) -> m.timeoutDestination() == null ? "goodbye"
                : m.timeoutDestination());
        Columns.add(table, "Version", 70, (Menu m) -> Long.toString(m.version()));
        Columns.add(table, "Description", 220, (Menu m) -> m.description() == null ? "" : m.description());
        table.addSelectionChangedListener(e -> {
            Menu m = (Menu) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (m != null) {
                fill(m);
            }
        });
        live = LiveRefresh.of("menus", status, server, () -> new MenusClient(server.client()).all(), List.of(),
                table::setInput);
    }

    private static Text field(Composite parent, String label, String id, String hint) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = Widgets.id(new Text(parent, SWT.BORDER), id);
        t.setMessage(hint);
        t.setLayoutData(new GridData(160, SWT.DEFAULT));
        return t;
    }

    private void fill(Menu m) {
        shown.setForeground(null);
        name.setText(m.name());
        version = m.version(); // after the name: typing a name starts a new menu
        greeting.setText(m.greeting());
        keys.setText(MenuText.keys(m.keys()));
        directDial.setSelection(m.directDial());
        timeout.setText(Integer.toString(m.timeoutSeconds()));
        retries.setText(Integer.toString(m.retries()));
        onTimeout.setText(m.timeoutDestination() == null ? "" : m.timeoutDestination());
        onInvalid.setText(m.invalidDestination() == null ? "" : m.invalidDestination());
        description.setText(m.description() == null ? "" : m.description());
        shown.setText(m.name() + " at version " + m.version());
        shown.getParent().layout();
    }

    private void save() {
        String n = name.getText().trim();
        if (n.isEmpty()) {
            return;
        }
        Menu m;
        try {
            m = new Menu(n, greeting.getText().isBlank() ? "welcome" : greeting.getText().trim(),
                    MenuText.keys(keys.getText()), directDial.getSelection(),
                    timeout.getText().isBlank() ? 5 : MenuText.number("timeoutSeconds", timeout.getText()),
                    retries.getText().isBlank() ? 2 : MenuText.number("retries", retries.getText()),
                    onTimeout.getText(), onInvalid.getText(), description.getText(), version);
        } catch (IllegalArgumentException e) {
            shown.setText("Not saved: " + e.getMessage());
            shown.setForeground(shown.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            shown.getParent().layout();
            return;
        }
        ServerWork.run(table.getControl(), "Save menu " + n, () -> new MenusClient(server.client()).save(m), saved -> {
            fill(saved);
            refresh();
        }, e -> ErrorDialogs.beside(shown, "Not saved: ", e));
    }

    private void delete() {
        String n = name.getText().trim();
        if (!n.isEmpty()) {
            ServerWork.run(table.getControl(), "Delete menu " + n, () -> new MenusClient(server.client()).delete(n),
                    gone -> {
                        shown.setForeground(null);
                        shown.setText(gone ? "Deleted " + n : "No menu " + n);
                        shown.getParent().layout();
                        refresh();
                    }, e -> ErrorDialogs.beside(shown, "Not deleted: ", e));
        }
    }
}
