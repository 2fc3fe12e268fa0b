package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import io.switchboard.mgmt.client.ServerOverview;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The console's server connections: names, addresses and users in the instance preferences,
 * passwords in the console's own secure storage; plus the live state of each connection. Every
 * change posts {@link #TOPIC} so parts can refresh.
 */
@Creatable
@Singleton
public class ServerRegistry {

    /** Event topic posted after any change to connections or their state. */
    public static final String TOPIC = "io/switchboard/console/ui/servers";
    /** Event topic posted when the navigator selects a connection (data: the connection or null). */
    public static final String TOPIC_SELECTED = "io/switchboard/console/ui/selected";
    private static final String NODE = "io.switchboard.console.ui";

    /**
     * Live state of one connection: LOST is a connected server that stopped answering, which the console connects
     * to again on its own ({@link ConnectionWatch}); a FAILED connect is left to the admin.
     */
    public enum State { DISCONNECTED, CONNECTING, CONNECTED, FAILED, LOST }

    /** State with what came with it: the overview when connected, the reason when failed. */
    public record Status(State state, ServerOverview overview, String message) {
    }

    private final IEventBroker events;
    private final Map<String, Status> status = new ConcurrentHashMap<>();
    private volatile String selected;

    @Inject
    public ServerRegistry(IEventBroker events) {
        this.events = events;
    }

    public synchronized List<ServerConnection> connections() {
        List<ServerConnection> out = new ArrayList<>();
        Preferences servers = prefs().node("servers");
        try {
            for (String id : servers.childrenNames()) {
                Preferences p = servers.node(id);
                out.add(new ServerConnection(id, p.get("name", id), p.get("url", ""), p.get("user", "admin")));
            }
        } catch (BackingStoreException e) {
            throw new IllegalStateException("Cannot read the console's server list: " + e.getMessage(), e);
        }
        out.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return out;
    }

    /** Adds or replaces a connection; a null password keeps the stored one. */
    public synchronized ServerConnection save(ServerConnection connection, String password) throws IOException {
        String id = connection.id() != null ? connection.id() : UUID.randomUUID().toString();
        ServerConnection saved = new ServerConnection(id, connection.name(), connection.url(), connection.user());
        Preferences p = prefs().node("servers").node(id);
        p.put("name", saved.name());
        p.put("url", saved.url());
        p.put("user", saved.user());
        try {
            if (password != null) {
                secure().node(id).put("password", password, true);
                SecureStorage.flush();
            }
            prefs().flush();
        } catch (StorageException | BackingStoreException e) {
            throw new IOException("Cannot save the server '" + saved.name() + "': " + e.getMessage(), e);
        }
        changed();
        return saved;
    }

    public synchronized void remove(ServerConnection connection) throws IOException {
        try {
            prefs().node("servers").node(connection.id()).removeNode();
            prefs().flush();
            if (secure().nodeExists(connection.id())) {
                secure().node(connection.id()).removeNode();
                SecureStorage.flush();
            }
        } catch (BackingStoreException e) {
            throw new IOException("Cannot remove the server '" + connection.name() + "': " + e.getMessage(), e);
        }
        status.remove(connection.id());
        changed();
    }

    public Optional<String> password(ServerConnection connection) throws IOException {
        try {
            ISecurePreferences node = secure();
            return node.nodeExists(connection.id())
                    ? Optional.ofNullable(node.node(connection.id()).get("password", null))
                    : Optional.empty();
        } catch (StorageException e) {
            throw new IOException("Cannot read the password of '" + connection.name() + "' from secure storage: "
                    + e.getMessage(), e);
        }
    }

    /** @return a secret an area keeps for this server (see {@link io.switchboard.console.ui.SelectedServer#secret}) */
    public Optional<String> secret(ServerConnection connection, String key) throws IOException {
        try {
            ISecurePreferences node = secure();
            String path = connection.id() + "/secrets";
            return node.nodeExists(path) ? Optional.ofNullable(node.node(path).get(key, null)) : Optional.empty();
        } catch (StorageException e) {
            throw new IOException("Cannot read " + key + " of '" + connection.name() + "' from secure storage: "
                    + e.getMessage(), e);
        }
    }

    /** Keeps an area's secret for this server, encrypted; null forgets it. */
    public synchronized void storeSecret(ServerConnection connection, String key, String value) throws IOException {
        try {
            ISecurePreferences node = secure().node(connection.id() + "/secrets");
            if (value == null) {
                node.remove(key);
            } else {
                node.put(key, value, true);
            }
            SecureStorage.flush();
        } catch (StorageException e) {
            throw new IOException("Cannot save " + key + " of '" + connection.name() + "' in secure storage: "
                    + e.getMessage(), e);
        }
    }

    /** @return the SHA-256 fingerprint of the certificate the admin trusted for this server, or null */
    public String trustedCertificate(ServerConnection connection) {
        Preferences servers = prefs().node("servers");
        try {
            return servers.nodeExists(connection.id()) ? servers.node(connection.id()).get("certificate", null) : null;
        } catch (BackingStoreException e) {
            return null;
        }
    }

    /** The admin trusts this certificate for this server: the console connects with it from now on. */
    public synchronized void trustCertificate(ServerConnection connection, String sha256) throws IOException {
        try {
            prefs().node("servers").node(connection.id()).put("certificate", sha256);
            prefs().flush();
        } catch (BackingStoreException e) {
            throw new IOException("Cannot save the trusted certificate of '" + connection.name() + "': "
                    + e.getMessage(), e);
        }
    }

    public Status status(ServerConnection connection) {
        return status.getOrDefault(connection.id(), new Status(State.DISCONNECTED, null, null));
    }

    public void setStatus(ServerConnection connection, Status newStatus) {
        status.put(connection.id(), newStatus);
        changed();
    }

    /** The navigator's selection, so that other parts follow it whichever part is active. */
    public void select(ServerConnection connection) {
        selected = connection == null ? null : connection.id();
        events.post(TOPIC_SELECTED, connection == null ? Map.of() : Map.of(IEventBroker.DATA, connection));
    }

    /** @return the connection the navigator selected last, as stored now, or null */
    public ServerConnection selected() {
        String id = selected;
        return id == null ? null
                : connections().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    /** Tells the views that the local server started or stopped. */
    public void localServerChanged() {
        changed();
    }

    private void changed() {
        events.post(TOPIC, Map.of());
    }

    private static IEclipsePreferences prefs() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    private static ISecurePreferences secure() throws IOException {
        return SecureStorage.root();
    }
}
