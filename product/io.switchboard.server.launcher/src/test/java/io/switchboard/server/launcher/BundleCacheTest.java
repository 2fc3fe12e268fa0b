package io.switchboard.server.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

/** Felix's cache is kept only for the jars it was made from, and only after a start that finished. */
class BundleCacheTest {

    @TempDir
    Path dir;
    Path home;
    Path data;

    @BeforeEach
    void install() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(Files.createDirectories(home.resolve("bundle")).resolve("a_1.0.jar"), "a");
        Files.writeString(Files.createDirectories(home.resolve("lib")).resolve("felix.jar"), "f");
        data = Files.createDirectories(dir.resolve("data"));
    }

    private String clean() throws Exception {
        Map<String, String> p = new HashMap<>();
        BundleCache cache = BundleCache.open(home, data);
        cache.configure(p);
        assertEquals(data.resolve("felix-cache").toString(), p.get(Constants.FRAMEWORK_STORAGE));
        assertEquals(data.resolve(BundleCache.SETTINGS_STORE).toString(), p.get("felix.cm.dir"));
        cache.started();
        return p.get(Constants.FRAMEWORK_STORAGE_CLEAN);
    }

    @Test
    void aFirstStartCleansAndTheNextKeeps() throws Exception {
        assertEquals(Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT, clean());
        assertEquals("none", clean());
    }

    @Test
    void anUpgradedJarCleans() throws Exception {
        clean();
        Path jar = home.resolve("bundle/a_1.0.jar");
        Files.writeString(jar, "a, newer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertEquals(Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT, clean());
        Files.writeString(home.resolve("bundle/b_1.0.jar"), "b");
        assertEquals(Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT, clean());
        assertEquals("none", clean());
    }

    @Test
    void aStartThatDidNotFinishCleansTheNext() throws Exception {
        clean();
        BundleCache.open(home, data).configure(new HashMap<>());
        assertFalse(Files.exists(data.resolve(BundleCache.STAMP)));
        assertEquals(Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT, clean());
    }

    @Test
    void configAdminsStoreIsEmptiedAtEachStart() throws Exception {
        Path stored = Files.createDirectories(data.resolve(BundleCache.SETTINGS_STORE).resolve("io/switchboard"));
        Files.writeString(stored.resolve("sip.config"), "port=5060");
        BundleCache.open(home, data);
        assertFalse(Files.exists(data.resolve(BundleCache.SETTINGS_STORE)));
    }
}
