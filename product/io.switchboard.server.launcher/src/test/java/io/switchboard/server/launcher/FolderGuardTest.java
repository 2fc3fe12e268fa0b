package io.switchboard.server.launcher;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderGuardTest {

    @TempDir
    Path base;

    @Test
    void eachFolderKeepsToItsKindOfFile() throws Exception {
        Path etc = Files.createDirectories(base.resolve("etc"));
        Path plugins = Files.createDirectories(base.resolve("plugins"));
        FolderGuard guard = new FolderGuard(etc, plugins);

        assertTrue(guard.misplaced(plugins.resolve("io.switchboard.mgmt.cfg").toFile()).startsWith("settings are read"));
        assertTrue(guard.misplaced(plugins.resolve("x.CONFIG").toFile()).startsWith("settings are read"));
        assertNull(guard.misplaced(bundle(plugins.resolve("acme.jar")).toFile()), "a plugin where it belongs");
        assertNull(guard.misplaced(etc.resolve("io.switchboard.sip.cfg").toFile()), "a setting where it belongs");
        assertTrue(guard.misplaced(bundle(etc.resolve("acme.jar")).toFile()).startsWith("plugins are installed"));
        Path notes = Files.writeString(etc.resolve("notes.txt"), "not a bundle");
        assertNull(guard.misplaced(notes.toFile()), "FileInstall does nothing with it anyway");
    }

    private static Path bundle(Path jar) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.acme.plugin");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return jar;
    }
}
