package io.switchboard.console.ui.internal;

import java.util.List;

import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MToolItem;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Shows a view wherever it lives: a view of another perspective switches to that perspective
 * first, as the areas ask with {@link io.switchboard.console.ui.ConsoleEvents#SHOW_VIEW}.
 */
@Creatable
@Singleton
public class Views {

    static final String ITEMS = "io.switchboard.console.ui.toolitem.perspective.";

    private final MApplication application;
    private final EModelService models;

    @Inject
    public Views(MApplication application, EModelService models) {
        this.application = application;
        this.models = models;
    }

    /** @return the part brought to the front, or null when no perspective holds it */
    public MPart show(String partId) {
        MWindow window = window();
        EPartService parts = window.getContext().get(EPartService.class);
        if (parts.findPart(partId) == null) {
            // a part of one perspective, or a shared one through its place in another perspective
            MPerspective home = models.findElements(window, partId, MPart.class, null).stream()
                    .map(models::getPerspectiveFor).filter(p -> p != null).findFirst()
                    .orElseGet(() -> models.findElements(window, null, MPlaceholder.class, null).stream()
                            .filter(h -> h.getRef() != null && partId.equals(h.getRef().getElementId()))
                            .map(models::getPerspectiveFor).filter(p -> p != null).findFirst().orElse(null));
            if (home != null) {
                switchTo(window, home);
            }
        }
        return parts.findPart(partId) == null ? null : parts.showPart(partId, PartState.ACTIVATE);
    }

    /** Switches to the perspective with this id. @return whether there is one */
    public boolean perspective(String perspectiveId) {
        MWindow window = window();
        List<MPerspective> found = models.findElements(window, perspectiveId, MPerspective.class, null);
        if (found.isEmpty()) {
            return false;
        }
        switchTo(window, found.get(0));
        return true;
    }

    private MWindow window() {
        return application.getSelectedElement() != null ? application.getSelectedElement()
                : application.getChildren().get(0);
    }

    /** Switches, and the perspective bar shows the one in front however it was chosen. */
    private void switchTo(MWindow window, MPerspective perspective) {
        window.getContext().get(EPartService.class).switchPerspective(perspective);
        String chosen = ITEMS + perspective.getElementId().substring(perspective.getElementId().lastIndexOf('.') + 1);
        for (MToolItem item : models.findElements(window, null, MToolItem.class, null,
                EModelService.ANYWHERE | EModelService.IN_TRIM)) {
            if (item.getElementId() != null && item.getElementId().startsWith(ITEMS)) {
                item.setSelected(item.getElementId().equals(chosen));
            }
        }
    }
}
