package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.e4.core.di.annotations.Creatable;

import io.switchboard.console.ui.internal.ServerRegistry.State;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * One management client per connected server, for the selected server's views and for the
 * navigator's nodes and editors, which keep to their own server. A connection edited (another
 * address, user or password) gets a new client.
 */
@Creatable
@Singleton
public class ServerClients {

    private record Made(ServerConnection connection, ManagementClient client) {
    }

    private final ServerRegistry registry;
    private final Map<String, Made> clients = new ConcurrentHashMap<>();

    @Inject
    public ServerClients(ServerRegistry registry) {
        this.registry = registry;
    }

    /**
     * @return the client of a connected server
     * @throws ManagementException (status 0) saying what to do when the server is not connected
     */
    public ManagementClient client(ServerConnection c) throws ManagementException {
        if (registry.status(c).state() != State.CONNECTED) {
            throw new ManagementException("Not connected to " + c.name() + ": press Connect in the Servers navigator",
                    0, null);
        }
        Made have = clients.get(c.id());
        if (have != null && have.connection().equals(c)) {
            return have.client();
        }
        try {
            ManagementClient api = new ManagementClient(c.url(), c.user(), registry.password(c).orElse(""),
                    () -> registry.trustedCertificate(c));
            clients.put(c.id(), new Made(c, api));
            return api;
        } catch (IOException e) {
            throw new ManagementException(e.getMessage(), 0, e);
        }
    }

    /** Forgets a server's client: its password changed, or it was removed. */
    public void forget(ServerConnection c) {
        clients.remove(c.id());
    }
}
