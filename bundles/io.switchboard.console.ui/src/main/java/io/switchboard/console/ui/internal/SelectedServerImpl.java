package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.internal.ServerRegistry.State;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;

/**
 * The shell's {@link SelectedServer}: follows the navigator's selection and the registry's
 * connection states, and hands out the selected, connected server's client.
 */
final class SelectedServerImpl implements SelectedServer, EventHandler {

    private final ServerRegistry registry;
    private final ServerClients made;
    private final IEventBroker events;
    private volatile ServerConnection selected;

    SelectedServerImpl(ServerRegistry registry, ServerClients made, IEventBroker events) {
        this.registry = registry;
        this.made = made;
        this.events = events;
        events.subscribe(ServerRegistry.TOPIC_SELECTED, this);
        events.subscribe(ServerRegistry.TOPIC, this);
    }

    void close() {
        events.unsubscribe(this);
    }

    @Override
    public void handleEvent(Event event) {
        if (ServerRegistry.TOPIC_SELECTED.equals(event.getTopic())) {
            selected = event.getProperty(IEventBroker.DATA) instanceof ServerConnection c ? c : null;
        } else if (selected != null) {
            selected = registry.connections().stream().filter(c -> c.id().equals(selected.id())).findFirst()
                    .orElse(null);
        }
        events.post(TOPIC, Map.of());
    }

    @Override
    public Optional<String> id() {
        ServerConnection c = selected;
        return c == null ? Optional.empty() : Optional.of(c.id());
    }

    @Override
    public Optional<String> secret(String key) throws IOException {
        ServerConnection c = selected;
        return c == null ? Optional.empty() : registry.secret(c, key);
    }

    @Override
    public void storeSecret(String key, String value) throws IOException {
        ServerConnection c = selected;
        if (c == null) {
            throw new IOException("Select a server in the Servers navigator first");
        }
        registry.storeSecret(c, key, value);
    }

    @Override
    public Optional<String> name() {
        ServerConnection c = selected;
        return c == null ? Optional.empty() : Optional.of(c.name());
    }

    @Override
    public Optional<String> url() {
        ServerConnection c = selected;
        return c == null ? Optional.empty() : Optional.of(c.url());
    }

    @Override
    public boolean lost() {
        ServerConnection c = registry.selected();
        return c != null && registry.status(c).state() == State.LOST;
    }

    @Override
    public boolean connected() {
        ServerConnection c = selected;
        return c != null && registry.status(c).state() == State.CONNECTED;
    }

    @Override
    public ManagementClient client() throws ManagementException {
        ServerConnection c = selected;
        if (c == null) {
            throw new ManagementException("Select a server in the Servers navigator first", 0, null);
        }
        return made.client(c);
    }
}
