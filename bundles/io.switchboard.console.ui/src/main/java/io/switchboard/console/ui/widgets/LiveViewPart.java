package io.switchboard.console.ui.widgets;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;

import io.switchboard.console.ui.Refreshable;
import io.switchboard.console.ui.SelectedServer;
import jakarta.inject.Inject;

/**
 * A part whose data comes from the selected server: loaded again when another server is selected,
 * connected or disconnected, and on View, Refresh (F5). A subclass sets {@link #live} when it makes
 * its controls.
 */
public abstract class LiveViewPart implements Refreshable {

    /** The part's refresh; null until its controls are made. */
    protected LiveRefresh<?> live;

    @Inject
    @Optional
    public void serverChanged(@UIEventTopic(SelectedServer.TOPIC) Object event) {
        refresh();
    }

    @Override
    public void refresh() {
        if (live != null) {
            live.now();
        }
    }
}
