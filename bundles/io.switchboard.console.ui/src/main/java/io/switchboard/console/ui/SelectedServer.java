package io.switchboard.console.ui;

import java.io.IOException;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;

/**
 * The server the admin selected in the Servers navigator, with its management API client, over
 * which each area builds its own typed client ({@code new SipClient(server.client())}): the shell
 * knows no area. The console's
 * shell implements it and puts it into the application context, so that any part, handler or
 * addon of an area bundle gets it with {@code @Inject SelectedServer server}. Changes (another
 * server selected, connected, disconnected, removed) are posted on {@link #TOPIC}: follow them
 * with {@code @Inject @Optional void changed(@UIEventTopic(SelectedServer.TOPIC) Object e)}.
 * <p>
 * Thread-safe; the getters are cheap. The clients block on the network: use them from a job,
 * never on the UI thread ({@link io.switchboard.console.ui.widgets.ServerWork} does that).
 */
@ProviderType
public interface SelectedServer {

    /** Event topic: the selection or its connection state changed. */
    String TOPIC = "io/switchboard/console/ui/SelectedServer/CHANGED";

    /**
     * @return the selected server's connection id, which stays when the admin renames it: the key for
     *         what an area keeps per server; empty when none is selected
     * @since 1.2
     */
    Optional<String> id();

    /** @return the selected server's name as the admin gave it, empty when none is selected */
    Optional<String> name();

    /** @return the selected server's address (http://host:port), empty when none is selected */
    Optional<String> url();

    /** @return whether a server is selected and the console is connected to it */
    boolean connected();

    /**
     * @return whether the selected server was connected and stopped answering: the console connects to it again on
     *         its own, and a live view keeps its last rows meanwhile
     * @since 2.3
     */
    default boolean lost() {
        return false;
    }

    /**
     * @return the management API client of the selected, connected server
     * @throws ManagementException (status 0) saying what to do when none is selected or connected
     */
    ManagementClient client() throws ManagementException;

    /**
     * Reads a secret an area keeps for the selected server (a SIP account's password) from the
     * console's encrypted secure storage; it goes when the server is removed from the navigator.
     *
     * @param key the area's name for it ("phone.password")
     * @return the secret, empty when none is kept or no server is selected
     * @throws IOException when the secure storage cannot be read
     * @since 1.2
     */
    Optional<String> secret(String key) throws IOException;

    /**
     * Keeps a secret for the selected server in the console's secure storage, encrypted.
     *
     * @param value the secret, or null to forget it
     * @throws IOException when it cannot be written, or no server is selected
     * @since 1.2
     */
    void storeSecret(String key, String value) throws IOException;
}
