package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Shell;

/** Window, Preferences: refresh interval, display time zone, page size. */
public class PreferencesHandler {

    @Execute
    public void execute(Shell shell) {
        new PreferencesDialog(shell).open();
    }
}
