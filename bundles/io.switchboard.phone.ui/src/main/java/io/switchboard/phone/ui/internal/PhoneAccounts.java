package io.switchboard.phone.ui.internal;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.Transport;

/**
 * The softphone's account on each navigator server: its settings in the console's preferences
 * under the server's id, its password in the console's secure storage, never in the preferences.
 */
final class PhoneAccounts {

    static final String PASSWORD = "phone.password";
    private static final String NODE = "io.switchboard.phone.ui";
    /** How long a registration is asked for; the engine refreshes it before it runs out. */
    private static final int REGISTER_SECONDS = 600;

    /**
     * What the admin set up, without the password.
     *
     * @param tlsPin over TLS, the SHA-256 fingerprint of the server's certificate, or empty to trust
     *        the JVM's authorities
     */
    record Settings(String user, String displayName, String domain, String host, int port, Transport transport,
            String tlsPin) {

        PhoneAccount account(String password) {
            return new PhoneAccount(user, domain, password, host, port, transport,
                    displayName == null || displayName.isBlank() ? null : displayName, REGISTER_SECONDS,
                    transport == Transport.TLS && tlsPin != null && !tlsPin.isBlank() ? tlsPin : null);
        }

        /** @return alice@pbx.example.net */
        String address() {
            return user + "@" + domain;
        }
    }

    private PhoneAccounts() {
    }

    static Optional<Settings> load(String serverId) {
        try {
            if (serverId == null || !prefs().nodeExists(serverId)) {
                return Optional.empty();
            }
        } catch (BackingStoreException e) {
            return Optional.empty();
        }
        Preferences p = prefs().node(serverId);
        String user = p.get("user", null);
        if (user == null) {
            return Optional.empty();
        }
        return Optional.of(new Settings(user, p.get("displayName", ""), p.get("domain", ""), p.get("host", ""),
                p.getInt("port", 5060), Transport.valueOf(p.get("transport", "UDP")), p.get("tlsPin", "")));
    }

    /** Keeps the settings and, unless null, the password, for the selected server. */
    static void save(SelectedServer server, Settings settings, String password) throws IOException {
        String id = server.id().orElseThrow(() -> new IOException("Select a server in the Servers navigator first"));
        Preferences p = prefs().node(id);
        p.put("user", settings.user());
        p.put("displayName", settings.displayName() == null ? "" : settings.displayName());
        p.put("domain", settings.domain());
        p.put("host", settings.host());
        p.putInt("port", settings.port());
        p.put("transport", settings.transport().name());
        p.put("tlsPin", settings.tlsPin() == null ? "" : settings.tlsPin());
        try {
            prefs().flush();
        } catch (BackingStoreException e) {
            throw new IOException("Cannot save the softphone's account: " + e.getMessage(), e);
        }
        if (password != null) {
            server.storeSecret(PASSWORD, password);
        }
    }

    /**
     * A new account's settings from what the server says: the host of its management address, and
     * its SIP port (UDP preferred, as desk phones use).
     *
     * @param listeningPoints as the switch reports them: udp:0.0.0.0:5060
     */
    static Settings defaults(String serverUrl, List<String> listeningPoints) {
        String host = serverUrl == null ? "127.0.0.1" : URI.create(serverUrl).getHost();
        Transport transport = Transport.UDP;
        int port = 5060;
        for (String transportName : List.of("udp", "tcp", "tls")) {
            Optional<String> point = listeningPoints.stream()
                    .filter(p -> p.toLowerCase(Locale.ROOT).startsWith(transportName + ":")).findFirst();
            if (point.isPresent()) {
                transport = Transport.valueOf(transportName.toUpperCase(Locale.ROOT));
                port = Integer.parseInt(point.get().substring(point.get().lastIndexOf(':') + 1));
                break;
            }
        }
        return new Settings("", "", host, host, port, transport, "");
    }

    private static IEclipsePreferences prefs() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }
}
