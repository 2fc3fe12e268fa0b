package io.switchboard.server.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assertions;
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

    @Test
    void pluginAndSettingsFoldersOthersCanWriteAreRefused() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Files.writeString(plugins.resolve("acme.jar"), "x");
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Main.refuseOpenToOthers(plugins, "plugins");

        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));
        Main.CannotStart file = Assertions.assertThrows(Main.CannotStart.class,
                () -> Main.refuseOpenToOthers(plugins, "plugins"));
        Assertions.assertTrue(file.getMessage().contains(jar + " (rw-rw-rw-)")
                && file.getMessage().contains("chmod -R go-w " + plugins), file.getMessage());
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));
        Assertions.assertThrows(Main.CannotStart.class,
                () -> Main.refuseOpenToOthers(plugins, "plugins"), "the folder itself");
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwx------"));
        Assertions.assertEquals(0, OwnerOnly.writableByOthers(plugins).size());
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
