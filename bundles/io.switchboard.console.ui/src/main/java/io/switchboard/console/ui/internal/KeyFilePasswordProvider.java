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
 * Master password of the console's secure storage: a random key in
 * {@code ~/.switchboard/console.key}, created on first use, readable by its owner only. The
 * console therefore never asks for a master password and never fails with "no password
 * provided"; whoever can read the user's files can read the stored server passwords, as with
 * any keyring that unlocks at login.
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
        return Path.of(System.getProperty("user.home"), ".switchboard", "console.key");
    }

    private static synchronized String key() throws IOException {
        Path file = keyFile();
        if (Files.notExists(file)) {
            Files.createDirectories(file.getParent());
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
