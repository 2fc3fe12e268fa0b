package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Shell;

/** Server, Start or Stop Local Server: the server inside the console's own process. */
public class LocalServerHandler {

    @Execute
    public void execute(ServerActions actions, Shell shell) {
        actions.toggleLocalServer(shell);
    }
}
