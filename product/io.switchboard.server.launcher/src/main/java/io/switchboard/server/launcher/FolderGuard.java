package io.switchboard.server.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Keeps each watched folder to its one kind of file: settings come from the settings folder only
 * and plugins from the plugins folder only. A {@code .cfg} file in the plugins folder would otherwise
 * be applied unsigned by FileInstall (one with {@code .adminPassword} took over the admin account),
 * and a bundle in the settings folder would run without a signature check. Such a file is ignored
 * and named in a warning.
 *
 * <p>FileInstall hands each file to the first of its artifact installers that can handle it; this
 * one is asked first and takes only the misplaced files, doing nothing with them. FileInstall keeps
 * its API package to itself, so the installer is a proxy of FileInstall's own interface, made in its
 * class loader, and registered before FileInstall starts and scans.
 */
final class FolderGuard implements InvocationHandler {

    private static final Logger LOG = System.getLogger("io.switchboard.server");
    private static final String INSTALLER = "org.apache.felix.fileinstall.ArtifactInstaller";

    private final Path settings;
    private final Path plugins;

    FolderGuard(Path settings, Path plugins) {
        this.settings = settings.toAbsolutePath().normalize();
        this.plugins = plugins.toAbsolutePath().normalize();
    }

    /** Registers the guard for FileInstall, which must be installed and not yet started. */
    ServiceRegistration<?> register(BundleContext framework, Bundle fileInstall) {
        if (!framework.getBundle().adapt(FrameworkWiring.class).resolveBundles(List.of(fileInstall))) {
            throw new IllegalStateException("FileInstall does not resolve: settings and plugins cannot be watched");
        }
        ClassLoader loader = fileInstall.adapt(BundleWiring.class).getClassLoader();
        Object installer;
        try {
            installer = Proxy.newProxyInstance(loader, new Class<?>[] { loader.loadClass(INSTALLER) }, this);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("FileInstall has no " + INSTALLER, e);
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE); // asked before FileInstall's own
        return framework.registerService(INSTALLER, installer, properties);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "canHandle" -> misplaced((File) args[0]) != null;
            case "install", "update" -> {
                File file = (File) args[0];
                LOG.log(Level.WARNING, file + " is ignored: " + misplaced(file));
                yield null;
            }
            case "uninstall" -> null;
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "Switchboard folder guard";
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }

    /** @return why the file does not belong where it is, or null when it does */
    String misplaced(File file) {
        Path path = file.toPath().toAbsolutePath().normalize();
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean settingsFile = name.endsWith(".cfg") || name.endsWith(".config");
        if (path.startsWith(plugins) && settingsFile) {
            return "settings are read from the settings folder " + settings + " only; the plugins folder holds plugins";
        }
        if (path.startsWith(settings) && !settingsFile && isBundle(file)) {
            return "plugins are installed from the plugins folder " + plugins + " only; the settings folder holds "
                    + "settings";
        }
        return null;
    }

    private static boolean isBundle(File file) {
        try (JarFile jar = new JarFile(file, false)) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) != null;
        } catch (IOException notAJar) {
            return false;
        }
    }
}
