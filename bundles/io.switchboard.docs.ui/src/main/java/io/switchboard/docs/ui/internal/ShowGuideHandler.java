package io.switchboard.docs.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import io.switchboard.console.ui.ConsoleEvents;
import jakarta.inject.Named;

/**
 * Help, Admin Guide (F1): opens the guide beside the other views at the section about the view in
 * focus. Each view names its section with a tag {@code help:<page>#<anchor>} in its model element
 * (its bundle's fragment), so a plugin's view gets context help the same way.
 */
public class ShowGuideHandler {

    static final String PART = "io.switchboard.docs.ui.part.guide";
    static final String TAG = "help:";

    @Execute
    public void execute(EPartService parts, IEventBroker events,
            @Optional @Named(IServiceConstants.ACTIVE_PART) MPart active) {
        String help = active == null || PART.equals(active.getElementId()) ? null
                : active.getTags().stream().filter(t -> t.startsWith(TAG)).map(t -> t.substring(TAG.length()))
                        .findFirst().orElse(null);
        events.send(ConsoleEvents.SHOW_VIEW, PART);
        MPart guide = parts.findPart(PART);
        if (help != null && guide != null && guide.getObject() instanceof GuidePart page) {
            page.show(help);
        }
    }
}
