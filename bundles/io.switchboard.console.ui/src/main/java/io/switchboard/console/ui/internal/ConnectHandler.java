package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.internal.ServerRegistry.State;

/** Server, Connect: connects to the selected server in a job. */
public class ConnectHandler {

    @CanExecute
    public boolean canExecute(ServerActions actions) {
        return actions.selected().isPresent() && actions.state() != State.CONNECTING;
    }

    @Execute
    public void execute(ServerActions actions, Shell shell) {
        actions.connect(shell);
    }
}
