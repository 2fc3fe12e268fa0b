package io.switchboard.sip.ui.internal;

import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerCall;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * A live table of the selected server: it refreshes by itself, says "disconnected, retrying"
 * when the server goes away, and offers actions on the selected row.
 */
abstract class LivePart<T> extends LiveViewPart {

    @Inject
    SelectedServer server;
    @Inject
    Shell shell;

    private final String id;
    TableViewer table;

    LivePart(String id) {
        this.id = id;
    }

    abstract void columns(TableViewer viewer);

    abstract List<T> load(SipClient sip) throws ManagementException;

    /** Room for the part's action buttons. */
    void buttons(Composite bar) {
    }

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 6);
        buttons(bar);
        Label status = Widgets.id(new Label(bar, SWT.NONE), id + ".status");
        Widgets.fillWidth(status);
        table = Columns.viewer(parent, id + ".table", SWT.SINGLE);
        columns(table);
        live = LiveRefresh.of(id, status, server, () -> load(new SipClient(server.client())), List.of(), table::setInput);
    }


    @SuppressWarnings("unchecked")
    T selected() {
        return (T) ((IStructuredSelection) table.getSelection()).getFirstElement();
    }

    /** Asks, then runs an action on the server and refreshes. */
    void act(String question, String title, ServerCall<?> call) {
        if (MessageDialog.openConfirm(shell, title, question)) {
            ServerWork.run(table.getControl(), title, call, done -> live.now());
        }
    }
}
