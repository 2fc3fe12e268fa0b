package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Shell;

/** Server, Remove: forgets the selected connection, after asking; the server is not touched. */
public class RemoveServerHandler {

    @CanExecute
    public boolean canExecute(ServerActions actions) {
        return actions.selected().isPresent();
    }

    @Execute
    public void execute(ServerActions actions, Shell shell) {
        actions.remove(shell);
    }
}
