package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Shell;

/** Server, Add: a connection through the dialog; the console connects to it at once. */
public class AddServerHandler {

    @Execute
    public void execute(ServerActions actions, Shell shell) {
        actions.add(shell);
    }
}
