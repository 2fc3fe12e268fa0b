package io.switchboard.server.launcher;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Felix's bundle cache kept from one start to the next while the server's own jars are the ones it was
 * made from: copying 140 jars into a fresh cache was a fifth of an up-to-date start (docs/benchmarks.md).
 *
 * <p>The cache is trusted only after a start that reached "started" wrote the stamp of the jars it ran
 * (names, sizes, times of {@code bundle/} and {@code lib/}); a start takes the stamp away first, so an
 * upgrade, a start that failed or one killed half-way makes the next start clean the cache. Config Admin
 * keeps its store in a folder of its own that every start empties: settings come from the settings folder
 * alone, as with a clean cache, and a file deleted while the server was down is not remembered.
 */
final class BundleCache {

    private static final Logger LOG = System.getLogger(BundleCache.class.getName());

    static final String STAMP = "felix-cache.stamp";
    /** Felix Config Admin's store (its {@code felix.cm.dir}). */
    static final String SETTINGS_STORE = "felix-settings";

    /** The start level of plugins a kept cache holds: they start after the server's own bundles. */
    static final int PLUGIN_LEVEL = 2;

    private final Path data;
    private final String stamp;

    private BundleCache(Path data, String stamp) {
        this.data = data;
        this.stamp = stamp;
    }

    /** Reads the stamp of the jars in {@code home} and empties Config Admin's store. */
    static BundleCache open(Path home, Path data) throws IOException {
        BundleCache cache = new BundleCache(data, stampOf(home.resolve("bundle"), home.resolve("lib")));
        cache.emptySettingsStore();
        return cache;
    }

    /**
     * The framework's storage properties: clean on init unless the written stamp shows the cache is of these
     * jars. The written stamp is taken away: until {@link #started()}, the cache is suspect.
     */
    void configure(Map<String, String> properties) throws IOException {
        Path written = data.resolve(STAMP);
        boolean same = Files.isRegularFile(written) && Files.readString(written, StandardCharsets.UTF_8).equals(stamp);
        Files.deleteIfExists(written);
        LOG.log(Level.INFO, same ? "Bundles from the cache of the last start"
                : "Bundle cache made anew: a first start, new jars, or a last start that did not finish");
        properties.put(Constants.FRAMEWORK_STORAGE, data.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN,
                same ? "none" : Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.cm.dir", data.resolve(SETTINGS_STORE).toString());
    }

    /** The start got to "started": the next one may use the cache as it is. */
    void started() throws IOException {
        Files.writeString(data.resolve(STAMP), stamp, StandardCharsets.UTF_8);
    }

    private void emptySettingsStore() throws IOException {
        Path store = data.resolve(SETTINGS_STORE);
        if (!Files.isDirectory(store)) {
            return;
        }
        try (Stream<Path> all = Files.walk(store)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String stampOf(Path... folders) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.sorted().toList()) {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    lines.add(f + " " + a.size() + " " + a.lastModifiedTime().toMillis());
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * Plugins that FileInstall installed in an earlier start are in a kept cache, started: at a level above
     * the framework's first, they start after the phases, as FileInstall starts them after a clean cache (an
     * extender or the SPI weaver must be there before a plugin's classes load).
     */
    static void holdPlugins(BundleContext context, List<Bundle> shipped) {
        Set<Bundle> own = Set.copyOf(shipped);
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0 && !own.contains(bundle)) {
                bundle.adapt(BundleStartLevel.class).setStartLevel(PLUGIN_LEVEL);
            }
        }
    }

    /** Raises the framework to the plugins' level and waits until their start is done. */
    static void releasePlugins(Framework framework) throws InterruptedException {
        FrameworkStartLevel level = framework.adapt(FrameworkStartLevel.class);
        if (level.getStartLevel() >= PLUGIN_LEVEL) {
            return;
        }
        CountDownLatch raised = new CountDownLatch(1);
        level.setStartLevel(PLUGIN_LEVEL, event -> raised.countDown());
        raised.await(60, TimeUnit.SECONDS);
    }
}
