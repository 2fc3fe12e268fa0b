package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

/**
 * Where the console keeps server passwords. With a desktop keyring (the Secret Service of GNOME
 * Keyring or KWallet, through libsecret and Equinox's Linux keystore module), a password the
 * keyring holds unlocks the store. Without one, a random key in the user's configuration folder
 * does ({@link KeyFilePasswordProvider}), never in the folder of the store it unlocks: a copy of
 * {@code ~/.switchboard} holds no key to what it stores.
 */
final class SecureStorage {

    static final String KEYRING_MODULE = "org.eclipse.equinox.security.LinuxKeystoreIntegrationJNA";

    private static ISecurePreferences root;
    private static String kind;

    private SecureStorage() {
    }

    /** @return the console's node of the store, opened once */
    static synchronized ISecurePreferences root() throws IOException {
        if (root == null) {
            ISecurePreferences keyring = keyring();
            if (keyring != null) {
                root = keyring;
                kind = "desktop keyring";
            } else {
                root = open("console-secure-storage", KeyFilePasswordProvider.MODULE_ID);
                kind = "key file " + KeyFilePasswordProvider.keyFile();
            }
        }
        return root;
    }

    /**
     * Writes the store. Equinox writes the file anew, with the console's umask: it is made the
     * user's only again each time.
     */
    static synchronized void flush() throws IOException {
        root().flush();
        OwnerOnlyFolder.secure(Path.of(System.getProperty("user.home"), ".switchboard"));
    }

    /** @return what unlocks the store: "desktop keyring" or the key file, for the About and the logs */
    static synchronized String kind() {
        return kind;
    }

    /** @return the store the keyring unlocks, or null where no keyring answers */
    private static ISecurePreferences keyring() {
        if (Boolean.getBoolean("switchboard.console.noKeyring")) {
            return null;
        }
        try {
            ISecurePreferences store = open("console-keyring-storage", KEYRING_MODULE);
            ISecurePreferences probe = store.node("io.switchboard.console/keyring");
            probe.put("probe", "unlocked", true); // fails unless the keyring gave a password
            return "unlocked".equals(probe.get("probe", null)) ? store : null;
        } catch (StorageException | IOException | RuntimeException | LinkageError none) {
            return null;
        }
    }

    private static ISecurePreferences open(String file, String module) throws IOException {
        Path folder = OwnerOnlyFolder.secure(Path.of(System.getProperty("user.home"), ".switchboard"));
        Path location = folder.resolve(file);
        Map<Object, Object> options = new HashMap<>();
        options.put(IProviderHints.REQUIRED_MODULE_ID, module);
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        ISecurePreferences store = SecurePreferencesFactory.open(location.toUri().toURL(), options);
        if (store == null) {
            throw new IOException("Cannot open the console's secure storage at " + location);
        }
        if (Files.exists(location)) {
            OwnerOnlyFolder.secure(folder);
        }
        return store.node("io.switchboard.console/servers");
    }
}
