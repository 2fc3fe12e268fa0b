package io.switchboard.console.ui.widgets;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.Refreshable;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.mgmt.client.ManagementException;
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

    /**
     * A change on the server whose answer the part does not need.
     *
     * @since 1.4
     */
    @FunctionalInterface
    public interface Change {
        void run() throws ManagementException;
    }

    /**
     * Runs a change on the server in a job; once done, {@code shown} says so and the part is loaded
     * again; a failure goes to an error dialog.
     *
     * @param owner the control whose shell the error dialog belongs to
     * @since 1.4
     */
    protected void change(Control owner, Label shown, String what, Change change) {
        ServerWork.run(owner, what, () -> {
            change.run();
            return what;
        }, done -> {
            shown.setText(done + ": done");
            shown.getParent().layout();
            refresh();
        });
    }

    @Override
    public void refresh() {
        if (live != null) {
            live.now();
        }
    }
}
