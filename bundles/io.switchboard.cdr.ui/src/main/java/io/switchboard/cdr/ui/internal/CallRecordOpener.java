package io.switchboard.cdr.ui.internal;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.console.ui.EditorInput;
import io.switchboard.console.ui.NavigatorObject;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.mgmt.client.ManagementException;

/** Opens a record's editor beside the search, one per record and server, brought to the front when open. */
final class CallRecordOpener {

    /** The stack the search lives in (this bundle's fragment puts it there too). */
    private static final String STACK = "io.switchboard.console.ui.stack.analytics";
    private static final String EDITOR = "bundleclass://io.switchboard.cdr.ui/" + CallRecordEditor.class.getName();

    private CallRecordOpener() {
    }

    /** @return the editor's part, shown and active */
    static MPart open(CallRecord record, SelectedServer server, EPartService parts, EModelService models,
            MApplication app) throws ManagementException {
        String id = "io.switchboard.cdr.ui.record:" + server.id().orElse("") + ":" + record.id();
        MPart part = parts.findPart(id);
        if (part == null) {
            String label = (record.caller() == null ? "" : record.caller()) + " → "
                    + (record.callee() == null ? "" : record.callee());
            part = models.createModelElement(MPart.class);
            part.setElementId(id);
            part.setLabel(label);
            part.setTooltip("Call record " + record.id() + " on " + server.name().orElse(""));
            part.setContributionURI(EDITOR);
            part.setCloseable(true);
            part.getTags().add(EditorInput.EDITOR_TAG); // no input after a restart: the shell removes it then
            part.getTags().add(EPartService.REMOVE_ON_HIDE_TAG);
            part.getTags().add("help:console.md#a-calls-whole-story");
            part.getTransientData().put(EditorInput.KEY, new EditorInput(server.name().orElse(""), server.client(),
                    new NavigatorObject(label, record.id())));
            ((MPartStack) models.find(STACK, app)).getChildren().add(part);
        }
        return parts.showPart(part, PartState.ACTIVATE);
    }
}
