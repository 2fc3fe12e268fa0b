package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;

/**
 * Master password of the console's secure storage where the desktop has no keyring: a random key
 * in {@code $XDG_CONFIG_HOME/switchboard/console.key} ({@code ~/.config/switchboard}), created on
 * first use, readable by its owner only, away from the store in {@code ~/.switchboard}. The console
 * therefore never asks for a master password; whoever can read all of the user's files can read the
 * stored server passwords, as with any keyring that unlocks at login.
 */
public class KeyFilePasswordProvider extends PasswordProvider {

    static final String MODULE_ID = "io.switchboard.console.ui.keyfile";

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        try {
            return new PBEKeySpec(key().toCharArray());
        } catch (IOException e) {
            return null; // secure storage then reports that no password was provided
        }
    }

    static Path keyFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg);
        return config.resolve("switchboard").resolve("console.key");
    }

    /** Where consoles before the security review kept the key: next to the store. */
    private static Path oldKeyFile() {
        return Path.of(System.getProperty("user.home"), ".switchboard", "console.key");
    }

    private static synchronized String key() throws IOException {
        Path file = keyFile();
        OwnerOnlyFolder.secure(file.getParent());
        if (Files.notExists(file) && Files.exists(oldKeyFile())) {
            Files.move(oldKeyFile(), file); // the stores it made stay readable
        }
        if (Files.notExists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(random), StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException raced) {
                // another console created it first: use theirs
            } catch (UnsupportedOperationException notPosix) {
                Files.writeString(file, Base64.getEncoder().encodeToString(random), StandardCharsets.US_ASCII);
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}
