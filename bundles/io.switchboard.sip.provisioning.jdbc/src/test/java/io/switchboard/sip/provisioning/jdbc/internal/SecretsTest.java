package io.switchboard.sip.provisioning.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key of stored secrets: made owner-only from the start, refused when others can read it. */
class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void theKeyIsMadeForTheOwnerOnlyAndDecryptsWhatItEncryptedAfterARestart() throws Exception {
        Path key = dir.resolve("keys/secrets.key");
        String sealed = new Secrets(key).encrypt("trunk-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        try (var left = Files.list(key.getParent())) {
            assertEquals(1, left.count(), "no temporary file left beside it");
        }
        assertEquals("trunk-password", new Secrets(key).decrypt(sealed));
    }

    @Test
    void aKeyOthersCanReadIsRefusedWithTheCommandThatMendsIt() throws Exception {
        Path key = dir.resolve("keys/secrets.key");
        new Secrets(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Secrets(key));
        assertTrue(e.getMessage().contains("open to others (rw-r--r--)") && e.getMessage().contains("chmod 600 " + key),
                e.getMessage());
    }
}
