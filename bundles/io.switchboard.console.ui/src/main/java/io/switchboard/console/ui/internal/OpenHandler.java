package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Shell;

/** Open (the navigator's context menu): the navigator's selected node's view or editor, as a double-click does. */
public class OpenHandler {

    static final String NAVIGATOR = "io.switchboard.console.ui.part.servers";

    @CanExecute
    public boolean canExecute(NavigatorOpener opener, EPartService parts) {
        Object node = node(parts);
        return node != null && opener.opens(node);
    }

    @Execute
    public void execute(NavigatorOpener opener, EPartService parts, Shell shell, EModelService models,
            MApplication application) {
        Object node = node(parts);
        if (node != null) {
            opener.open(node, shell, parts, models, application);
        }
    }

    private static Object node(EPartService parts) {
        MPart part = parts.findPart(NAVIGATOR);
        return part != null && part.getObject() instanceof ServersPart navigator ? navigator.selectedNode() : null;
    }
}
