package io.switchboard.server.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an older version or another tool left open in the data folder is closed at start. */
class OwnerOnlyTest {

    @TempDir
    Path dir;

    @Test
    void theDataFolderAndAllInItBecomeTheOwnersOnly() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/db"));
        Path db = Files.writeString(data.resolve("switchboard.mv.db"), "x");
        Path tool = Files.writeString(dir.resolve("data/tool.sh"), "#!/bin/sh");
        Files.setPosixFilePermissions(dir.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnly.folder(dir.resolve("data"));

        assertEquals("rwx------", mode(dir.resolve("data")));
        assertEquals("rwx------", mode(data));
        assertEquals("rw-------", mode(db));
        assertEquals("rwx------", mode(tool), "the owner keeps what it had");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
