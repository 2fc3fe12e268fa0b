package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;

import jakarta.inject.Named;

/** Window, Perspective (and the perspective bar, Ctrl+Alt+1 to 4): the views of one of the admin's tasks. */
public class PerspectiveHandler {

    static final String PARAMETER = "io.switchboard.console.ui.commandparameter.perspective";

    @Execute
    public void execute(Views views, @Named(PARAMETER) String perspective) {
        views.perspective(perspective);
    }
}
