package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

import io.switchboard.console.ui.internal.ServerRegistry.State;

/** Server, Disconnect: closes the console's connection to the selected server. */
public class DisconnectHandler {

    @CanExecute
    public boolean canExecute(ServerActions actions) {
        return actions.state() == State.CONNECTED;
    }

    @Execute
    public void execute(ServerActions actions) {
        actions.disconnect();
    }
}
