package io.switchboard.sip.provisioning.jdbc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets the switch must be able to use again (trunk passwords it answers carriers' challenges
 * with) are kept encrypted (AES-GCM) in the database, under a key in a file of the data folder
 * that only the server's user can read. A database dump alone does not reveal them; servers that
 * share one database need the same key file.
 */
final class Secrets {

    private static final String PREFIX = "v1:";
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @throws IllegalStateException when the key file is readable by others than the server's user,
     *         as ssh refuses an unprotected private key: the key decrypts every trunk password
     */
    Secrets(Path keyFile) {
        try {
            byte[] raw;
            if (Files.exists(keyFile)) {
                checkMode(keyFile);
                raw = Base64.getDecoder().decode(Files.readString(keyFile).trim());
            } else {
                raw = new byte[32];
                random.nextBytes(raw);
                create(keyFile, Base64.getEncoder().encodeToString(raw));
            }
            if (raw.length != 32) {
                throw new IllegalStateException("Key file " + keyFile + " does not hold a 256-bit key");
            }
            this.key = new SecretKeySpec(raw, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + keyFile, e);
        }
    }

    /**
     * Writes the key into a file made with its owner-only mode from the start, then moves it into
     * place in one step: the key is never readable by others, nor ever half written.
     */
    private static void create(Path keyFile, String key) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        Path temp = posix
                ? Files.createTempFile(dir, ".secrets", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".secrets", ".tmp");
        try {
            Files.writeString(temp, key);
            Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void checkMode(Path keyFile) throws IOException {
        if (!keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        var mode = Files.getPosixFilePermissions(keyFile);
        if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IllegalStateException("Key file " + keyFile + " is open to others ("
                    + PosixFilePermissions.toString(mode) + "): anyone who reads it can decrypt the trunk passwords. "
                    + "Run chmod 600 " + keyFile + " and start again");
        }
    }

    String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("A stored secret has an unknown format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted with this server's key file "
                    + "(servers sharing a database need the same data/keys/secrets.key)", e);
        }
    }
}
