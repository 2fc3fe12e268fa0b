package io.switchboard.messaging.ui.internal;

import java.util.List;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.MessagingClient;
import io.switchboard.mgmt.client.MessagingClient.Subscription;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Which phones watch whom, live: busy lamp keys (dialog), presence, a receptionist's resource list;
 * how many NOTIFYs each has had and when it ends unless its phone refreshes it.
 */
public class BusyLampsPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 1);
        Label status = Widgets.id(new Label(bar, SWT.NONE), "lamps.status");
        Widgets.fillWidth(status);
        TableViewer table = Columns.viewer(parent, "lamps.table", SWT.SINGLE);
        Columns.add(table, "Watcher", 140, (Subscription s) -> s.subscriber());
        Columns.add(table, "Watches", 160, (Subscription s) -> s.resource());
        Columns.add(table, "Package", 90, (Subscription s) -> s.event());
        Columns.add(table, "NOTIFYs", 80, (Subscription s) -> String.format("%,d", s.version()));
        Columns.add(table, "Until", 170, (Subscription s) -> ConsoleSettings.time(s.expires()));
        Columns.add(table, "Phone", 320, (Subscription s) -> s.contact());
        live = LiveRefresh.of("busy lamps", status, server, () -> new MessagingClient(server.client()).subscriptions(),
                List.of(), table::setInput);
    }
}
