package io.switchboard.console.ui.internal;

import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.osgi.service.event.EventHandler;

import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.EditorInput;
import io.switchboard.console.ui.SelectedServer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Puts the {@link SelectedServer} into the application context, for every area's parts and
 * handlers; shows the views areas ask for ({@link ConsoleEvents#SHOW_VIEW}); and drops the object editors the last run left in the saved window layout, since what
 * they edited (a server's client) went with that run.
 */
public class SessionAddon {

    private SelectedServerImpl server;
    private IEventBroker events;
    private EventHandler showView;
    private ConnectionWatch watch;

    @PostConstruct
    void start(IEclipseContext context, ServerRegistry registry, ServerClients clients, IEventBroker events,
            MApplication application, EModelService models, Views views, ConnectionWatch watch) {
        this.events = events;
        this.watch = watch;
        events.subscribe(ConsoleEvents.SHOW_VIEW, showView = e -> {
            if (e.getProperty(IEventBroker.DATA) instanceof String partId) {
                views.show(partId);
            }
        });
        server = new SelectedServerImpl(registry, clients, events);
        context.set(SelectedServer.class, server);
        watch.start();
        for (MPart stale : models.findElements(application, null, MPart.class, List.of(EditorInput.EDITOR_TAG))) {
            if (stale.getParent() != null) {
                stale.getParent().getChildren().remove(stale);
            }
        }
    }

    @PreDestroy
    void stop() {
        watch.stop();
        server.close();
        events.unsubscribe(showView);
    }
}
