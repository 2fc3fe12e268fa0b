package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;

import jakarta.inject.Named;

/**
 * Window, Detach View: the view in focus moves into a window of its own (a dashboard on a second
 * screen, the live calls beside a trunk's editor); closing that window brings nothing back, the view
 * opens again from its menu. Dragging a tab out of the window does the same.
 */
public class DetachHandler {

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getWidget() instanceof Control && part.getParent() != null;
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part, EModelService models) {
        Rectangle at = ((Control) part.getWidget()).getBounds();
        Rectangle shell = ((Control) part.getWidget()).getShell().getBounds();
        models.detach(part, shell.x + 40, shell.y + 40, Math.max(at.width, 600), Math.max(at.height, 400));
    }
}
