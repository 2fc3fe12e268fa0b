package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Shell;

/** Server, Edit: the selected connection's name, address and account. */
public class EditServerHandler {

    @CanExecute
    public boolean canExecute(ServerActions actions) {
        return actions.selected().isPresent();
    }

    @Execute
    public void execute(ServerActions actions, Shell shell) {
        actions.edit(shell);
    }
}
