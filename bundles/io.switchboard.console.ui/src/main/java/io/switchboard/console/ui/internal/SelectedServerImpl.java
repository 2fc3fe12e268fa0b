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
 * connection states, and keeps one set of clients for the selected, connected server.
 */
final class SelectedServerImpl implements SelectedServer, EventHandler {

    private record Clients(ServerConnection connection, ManagementClient api) {
    }

    private final ServerRegistry registry;
    private final IEventBroker events;
    private volatile ServerConnection selected;
    private volatile Clients clients;

    SelectedServerImpl(ServerRegistry registry, IEventBroker events) {
        this.registry = registry;
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
        clients = null;
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
    public boolean connected() {
        ServerConnection c = selected;
        return c != null && registry.status(c).state() == State.CONNECTED;
    }

    @Override
    public ManagementClient client() throws ManagementException {
        return clients().api();
    }

    private Clients clients() throws ManagementException {
        ServerConnection c = selected;
        if (c == null) {
            throw new ManagementException("Select a server in the Servers navigator first", 0, null);
        }
        if (!connected()) {
            throw new ManagementException("Not connected to " + c.name() + ": press Connect in the Servers navigator",
                    0, null);
        }
        Clients have = clients;
        if (have != null && have.connection().equals(c)) {
            return have;
        }
        try {
            ManagementClient api = new ManagementClient(c.url(), c.user(), registry.password(c).orElse(""),
                    () -> registry.trustedCertificate(c));
            Clients made = new Clients(c, api);
            clients = made;
            return made;
        } catch (IOException e) {
            throw new ManagementException(e.getMessage(), 0, e);
        }
    }
}
