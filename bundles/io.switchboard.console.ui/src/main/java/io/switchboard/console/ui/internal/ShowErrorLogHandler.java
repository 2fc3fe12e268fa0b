package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Window, Error Log: opens the view of this run's errors. */
public class ShowErrorLogHandler {

    static final String PART = "io.switchboard.console.ui.part.errors";

    @Execute
    public void execute(EPartService parts) {
        parts.showPart(PART, PartState.ACTIVATE);
    }
}
