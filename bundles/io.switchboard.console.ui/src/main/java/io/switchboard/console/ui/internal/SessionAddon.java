package io.switchboard.console.ui.internal;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;

import io.switchboard.console.ui.SelectedServer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/** Puts the {@link SelectedServer} into the application context, for every area's parts and handlers. */
public class SessionAddon {

    private SelectedServerImpl server;

    @PostConstruct
    void start(IEclipseContext context, ServerRegistry registry, IEventBroker events) {
        server = new SelectedServerImpl(registry, events);
        context.set(SelectedServer.class, server);
    }

    @PreDestroy
    void stop() {
        server.close();
    }
}
