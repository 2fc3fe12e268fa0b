package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;

/** Window, Error Log: opens the view of this run's errors. */
public class ShowErrorLogHandler {

    static final String PART = "io.switchboard.console.ui.part.errors";

    @Execute
    public void execute(Views views) {
        views.show(PART);
    }
}
