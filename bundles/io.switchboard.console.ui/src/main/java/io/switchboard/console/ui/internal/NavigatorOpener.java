package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.EditorInput;
import io.switchboard.console.ui.internal.NavigatorNode.Area;
import io.switchboard.console.ui.internal.NavigatorNode.Item;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.mgmt.client.ManagementException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What opening a navigator node does: a server connects, an area's node shows its view, and an
 * object opens its editor, one per object and server, brought to the front when already open.
 */
@Creatable
@Singleton
public class NavigatorOpener {

    static final String EDITORS = "io.switchboard.console.ui.stack.editors";
    static final String PROVISIONING = "io.switchboard.console.ui.perspective.provisioning";

    private final ServerRegistry registry;
    private final ServerClients clients;
    private final ServerActions actions;
    private final Views views;

    @Inject
    public NavigatorOpener(ServerRegistry registry, ServerClients clients, ServerActions actions, Views views) {
        this.views = views;
        this.registry = registry;
        this.clients = clients;
        this.actions = actions;
    }

    /** @return whether the node is one that opens */
    boolean opens(Object node) {
        return node instanceof ServerConnection || node instanceof Area a && a.area().viewId() != null
                || node instanceof Item;
    }

    void open(Object node, Shell shell, EPartService parts, EModelService models, MApplication application) {
        switch (node) {
            case ServerConnection c -> {
                registry.select(c);
                actions.connect(shell, c);
            }
            case Area a when a.area().viewId() != null -> {
                registry.select(a.server());
                views.show(a.area().viewId());
            }
            case Item i -> openEditor(i, shell, parts, models, application);
            default -> {
            }
        }
    }

    private void openEditor(Item item, Shell shell, EPartService parts, EModelService models, MApplication application) {
        registry.select(item.server());
        views.perspective(PROVISIONING);
        String id = EditorInput.EDITOR_TAG + ":" + item.server().id() + ":" + item.parent().area().label() + ":"
                + item.object().key();
        MPart part = parts.findPart(id);
        if (part == null) {
            EditorInput input;
            try {
                input = new EditorInput(item.server().name(), clients.client(item.server()), item.object());
            } catch (ManagementException e) {
                ErrorDialogs.show(shell, "Cannot open " + item.object().label(), e);
                return;
            }
            part = models.createModelElement(MPart.class);
            part.setElementId(id);
            part.setLabel(item.object().key());
            part.setTooltip(item.object().label() + " on " + item.server().name());
            part.setContributionURI(item.parent().area().editorURI());
            part.setCloseable(true);
            part.getTags().add(EditorInput.EDITOR_TAG);
            part.getTags().add(EPartService.REMOVE_ON_HIDE_TAG);
            part.getTransientData().put(EditorInput.KEY, input);
            MPartStack stack = (MPartStack) models.find(EDITORS, application);
            stack.getChildren().add(part);
        }
        parts.showPart(part, PartState.ACTIVATE);
    }
}
