package io.switchboard.messaging.ui.internal;

import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
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
import io.switchboard.mgmt.client.MessagingClient;
import io.switchboard.mgmt.client.MessagingClient.Message;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The text messages of the selected server, newest first, live: who wrote to whom, when, through
 * which trunk, how it went and why not. A user's history with the filter, what a query finds with the
 * search (the call records' language); what a message says only
 * on Read…, for operators (the server refuses viewers), as the API keeps it.
 */
public class MessagesPart extends LiveViewPart {

    @Inject
    SelectedServer server;
    @Inject
    Shell shell;

    private TableViewer table;
    private Text user;
    private Text query;
    /** The user filter and the query as typed, read by the refresh's job. */
    private volatile String filter = "";
    private volatile String search = "";

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 7);
        new Label(bar, SWT.NONE).setText("User:");
        user = Widgets.id(new Text(bar, SWT.BORDER | SWT.SEARCH), "messages.user");
        user.setMessage("everyone");
        user.addListener(SWT.DefaultSelection, e -> refresh());
        new Label(bar, SWT.NONE).setText("Search:");
        query = Widgets.id(new Text(bar, SWT.BORDER | SWT.SEARCH), "messages.query");
        query.setMessage("from:alice AND state:failed");
        query.setToolTipText("The call records' query language over from, to, trunk, state, received, bytes, "
                + "reason; content: where the server indexes it (operators)");
        Widgets.fillWidth(query);
        query.addListener(SWT.DefaultSelection, e -> refresh());
        Widgets.button(bar, "Show", "messages.show", this::refresh);
        Widgets.button(bar, "Read…", "messages.read", this::read);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "messages.status");
        Widgets.fillWidth(status);
        table = Columns.viewer(parent, "messages.table", SWT.SINGLE);
        Columns.add(table, "Received", 170, (Message m) -> ConsoleSettings.time(m.received()));
        Columns.add(table, "From", 140, (Message m) -> m.fromName() == null ? m.from() : m.fromName() + " (" + m.from()
                + ")");
        Columns.add(table, "To", 140, (Message m) -> m.to());
        Columns.add(table, "Trunk", 100, (Message m) -> m.trunk() == null ? "" : m.trunk());
        Columns.add(table, "State", 90, (Message m) -> m.state());
        Columns.add(table, "Size", 70, (Message m) -> String.format("%,d B", m.bytes()));
        Columns.add(table, "Delivered", 170, (Message m) -> m.delivered() == null ? ""
                : ConsoleSettings.time(m.delivered()));
        Columns.add(table, "Why", 360, (Message m) -> m.reason() == null ? "" : m.reason());
        user.addModifyListener(e -> filter = user.getText());
        query.addModifyListener(e -> search = query.getText());
        live = LiveRefresh.of("text messages", status, server,
                () -> new MessagingClient(server.client()).messages(filter, search, ConsoleSettings.pageSize()), List.of(),
                table::setInput);
    }

    /** Shows what the selected message says: the server gives it to operators and admins only. */
    private void read() {
        Message m = (Message) ((IStructuredSelection) table.getSelection()).getFirstElement();
        if (m == null) {
            return;
        }
        ServerWork.run(table.getControl(), "Read message", () -> new MessagingClient(server.client()).body(m.id()),
                text -> MessageDialog.openInformation(shell, "Message from " + m.from() + " to " + m.to(),
                        m.contentType().startsWith("text/") ? text : "(" + m.contentType() + ", " + m.bytes() + " bytes)"));
    }
}
