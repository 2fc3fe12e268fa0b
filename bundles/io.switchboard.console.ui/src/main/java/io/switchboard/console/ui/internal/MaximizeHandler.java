package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IPresentationEngine;

import jakarta.inject.Named;

/**
 * Window, Maximize View (Ctrl+M, or a double-click on its tab): the view in focus fills the window,
 * the others go to the window's edge; again, and all are back. The workbench's min/max addon does
 * the moving.
 */
public class MaximizeHandler {

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && stack(part) != null;
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part) {
        MUIElement stack = stack(part);
        if (stack.getTags().contains(IPresentationEngine.MAXIMIZED)) {
            stack.getTags().remove(IPresentationEngine.MAXIMIZED);
        } else {
            stack.getTags().add(IPresentationEngine.MAXIMIZED);
        }
    }

    /** The stack the part sits in, which is what the addon maximizes; null for a part on its own. */
    private static MUIElement stack(MPart part) {
        MUIElement parent = part.getParent();
        return parent instanceof MPartStack ? parent : null;
    }
}
