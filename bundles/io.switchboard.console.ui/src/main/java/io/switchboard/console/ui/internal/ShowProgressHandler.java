package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;

/** Window, Progress: opens the view of the console's background work. */
public class ShowProgressHandler {

    static final String PART = "io.switchboard.console.ui.part.progress";

    @Execute
    public void execute(Views views) {
        views.show(PART);
    }
}
