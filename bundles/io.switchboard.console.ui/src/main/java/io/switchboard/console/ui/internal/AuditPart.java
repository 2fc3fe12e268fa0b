package io.switchboard.console.ui.internal;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.AccountsClient;
import io.switchboard.mgmt.client.AccountsClient.AuditEntry;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The audit log of the selected server, for its admins: every change made through the API or this
 * console, newest first, and for the selected one the resource before and after it, secrets masked.
 */
public class AuditPart extends LiveViewPart {

    private static final int SHOWN = 500;

    @Inject
    private SelectedServer server;

    private TableViewer table;
    private Text account;
    /** The account filter, read by the refresh job off the UI thread. */
    private volatile String filter = "";
    private Text before;
    private Text after;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 3);
        new Label(bar, SWT.NONE).setText("Account:");
        account = Widgets.id(new Text(bar, SWT.BORDER | SWT.SEARCH), "audit.account");
        account.setMessage("everyone");
        GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(account);
        account.addListener(SWT.DefaultSelection, e -> {
            filter = account.getText().trim();
            live.now();
        });
        Label status = Widgets.id(new Label(bar, SWT.NONE), "audit.status");
        Widgets.fillWidth(status);

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        Composite top = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(top);
        table = Columns.viewer(top, "audit.table", SWT.SINGLE);
        Columns.add(table, "When", 170, (AuditEntry e) -> ConsoleSettings.time(e.at()));
        Columns.add(table, "Account", 100, (AuditEntry e) -> e.account());
        Columns.add(table, "Role", 70, (AuditEntry e) -> e.role());
        Columns.add(table, "From", 110, (AuditEntry e) -> e.address());
        Columns.add(table, "Change", 70, (AuditEntry e) -> e.method());
        Columns.add(table, "Resource", 190, (AuditEntry e) -> e.path());
        Columns.add(table, "Status", 60, (AuditEntry e) -> Integer.toString(e.status()));
        Columns.add(table, "Fields changed", 200, (AuditEntry e) -> String.join(", ", e.changed()));
        table.addSelectionChangedListener(e -> show(
                (AuditEntry) ((IStructuredSelection) table.getSelection()).getFirstElement()));

        SashForm sides = new SashForm(sash, SWT.HORIZONTAL);
        before = side(sides, "Before", "audit.before");
        after = side(sides, "After", "audit.after");
        sash.setWeights(55, 45);
        live = LiveRefresh.of("audit log", status, server,
                () -> new AccountsClient(server.client()).audit(filter, SHOWN), List.of(), table::setInput);
    }


    private static Text side(Composite parent, String title, String id) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(g);
        Text t = Widgets.id(new Text(g, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER), id);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(t);
        return t;
    }

    private void show(AuditEntry e) {
        before.setText(e == null || e.before() == null ? (e == null ? "" : "(nothing: new, or no view of it)")
                : e.before());
        after.setText(e == null || e.after() == null ? (e == null ? "" : "(nothing: removed, or no view of it)")
                : e.after());
    }

}
