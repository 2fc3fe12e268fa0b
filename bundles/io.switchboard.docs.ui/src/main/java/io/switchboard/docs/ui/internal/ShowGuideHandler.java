package io.switchboard.docs.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Help, Admin Guide (F1): opens the guide beside the other views, or brings it to the front. */
public class ShowGuideHandler {

    static final String PART = "io.switchboard.docs.ui.part.guide";

    @Execute
    public void execute(EPartService parts) {
        parts.showPart(PART, PartState.ACTIVATE);
    }
}
