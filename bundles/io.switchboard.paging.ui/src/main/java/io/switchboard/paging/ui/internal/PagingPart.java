package io.switchboard.paging.ui.internal;

import java.util.Arrays;
import java.util.List;

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
import io.switchboard.mgmt.client.PagingClient;
import io.switchboard.mgmt.client.PagingClient.PageGroup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The page groups of the selected server, live, and a form to make or change one. A group is saved with the version
 * it was read at: when another admin changed it meanwhile, the server refuses the save and the form says so,
 * keeping what was typed. The server checks every member, and its refusal is said beside the form.
 */
public class PagingPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private TableViewer table;
    private Text name;
    private Text members;
    private Button duplex;
    private Text description;
    private Label shown;
    /** The version the form's group was read at; 0 for a new one. */
    private long version;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 8);
        new Label(bar, SWT.NONE).setText("Group (extension):");
        name = Widgets.id(new Text(bar, SWT.BORDER), "paging.name");
        name.setMessage("800");
        name.setLayoutData(new GridData(90, SWT.DEFAULT));
        name.addModifyListener(e -> version = 0);
        new Label(bar, SWT.NONE).setText("Members:");
        members = Widgets.id(new Text(bar, SWT.BORDER), "paging.members");
        members.setMessage("alice, bob, carol");
        members.setLayoutData(new GridData(260, SWT.DEFAULT));
        duplex = Widgets.id(new Button(bar, SWT.CHECK), "paging.duplex");
        duplex.setText("Intercom (both ways)");
        new Label(bar, SWT.NONE).setText("Description:");
        description = Widgets.id(new Text(bar, SWT.BORDER), "paging.description");
        Widgets.fillWidth(description);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "paging.status");
        Composite actions = Widgets.toolbar(parent, 3);
        Widgets.button(actions, "Save", "paging.save", this::save);
        Widgets.button(actions, "Delete", "paging.delete", this::delete);
        shown = Widgets.id(new Label(actions, SWT.NONE), "paging.shown");
        Widgets.fillWidth(shown);
        table = Columns.viewer(parent, "paging.table", SWT.SINGLE);
        Columns.add(table, "Group", 90, (PageGroup g) -> g.name());
        Columns.add(table, "Members", 320, (PageGroup g) -> String.join(", ", g.members()));
        Columns.add(table, "Mode", 170, (PageGroup g) -> g.duplex() ? "intercom (both ways)" : "page (one way)");
        Columns.add(table, "Version", 70, (PageGroup g) -> Long.toString(g.version()));
        Columns.add(table, "Description", 240, (PageGroup g) -> g.description() == null ? "" : g.description());
        table.addSelectionChangedListener(e -> {
            PageGroup g = (PageGroup) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (g != null) {
                fill(g);
            }
        });
        live = LiveRefresh.of("paging", status, server, () -> new PagingClient(server.client()).all(), List.of(),
                table::setInput);
    }

    private void fill(PageGroup g) {
        shown.setForeground(null);
        name.setText(g.name());
        version = g.version(); // after the name: typing a name starts a new group
        members.setText(String.join(", ", g.members()));
        duplex.setSelection(g.duplex());
        description.setText(g.description() == null ? "" : g.description());
        shown.setText(g.name() + " at version " + g.version());
        shown.getParent().layout();
    }

    private void save() {
        String n = name.getText().trim();
        if (n.isEmpty()) {
            return;
        }
        List<String> who = Arrays.stream(members.getText().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        PageGroup g = new PageGroup(n, who, duplex.getSelection(), description.getText(), version);
        ServerWork.run(table.getControl(), "Save page group " + n, () -> new PagingClient(server.client()).save(g),
                saved -> {
                    fill(saved);
                    refresh();
                }, e -> ErrorDialogs.beside(shown, "Not saved: ", e));
    }

    private void delete() {
        String n = name.getText().trim();
        if (!n.isEmpty()) {
            ServerWork.run(table.getControl(), "Delete page group " + n,
                    () -> new PagingClient(server.client()).delete(n), gone -> {
                        shown.setForeground(null);
                        shown.setText(gone ? "Deleted " + n : "No page group " + n);
                        shown.getParent().layout();
                        refresh();
                    }, e -> ErrorDialogs.beside(shown, "Not deleted: ", e));
        }
    }
}
