package io.switchboard.server.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts the Switchboard server: checks its folders and ports, starts Felix with the bundles of
 * {@code <home>/bundle}, lets FileInstall watch the plugins and settings folders, and stops it all
 * cleanly on SIGTERM or Ctrl-C.
 *
 * <p>Exit codes: 0 clean stop, 1 failure while running, 2 cannot start (the message says why).
 */
public final class Main {

    static final int EXIT_CANNOT_START = 2;
    private static final Logger LOG = System.getLogger("io.switchboard.server");

    private Main() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(Options.USAGE);
            return;
        }
        long t0 = System.nanoTime();
        Path home = Path.of(System.getProperty("switchboard.home", ".")).toAbsolutePath().normalize();
        Options options;
        try {
            options = Options.parse(args, System.getenv(), home);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + System.lineSeparator() + Options.USAGE);
            return;
        }
        try (FileLock lock = prepareDataFolder(options.data())) {
            if (options.plainHttp()) {
                checkPortFree(options.httpHost(), options.httpPort(), "--http-port or SWITCHBOARD_HTTP_PORT");
            }
            if (options.tls() != null) {
                checkPortFree(options.httpHost(), options.tls().port(), "--https-port or SWITCHBOARD_HTTPS_PORT");
            }
            checkSipPortFree(options.sipPort());
            Https.Setup https = options.tls() == null ? null : Https.setup(options.tls(), options.data());
            Files.createDirectories(options.plugins());
            Files.createDirectories(options.conf());
            refuseOpenToOthers(options.plugins(), "plugins");
            refuseOpenToOthers(options.conf(), "settings");
            PluginSigners signers = null;
            if (options.pluginSigners() != null) {
                refuseOpenToOthers(options.pluginSigners(), "plugin signers");
                signers = PluginSigners.of(options.pluginSigners(), options.plugins());
            }
            LogSetup.configure(options.data().resolve("logs"));
            installDefaultSettings(options.home().resolve("defaults"), options.conf());
            System.exit(run(options, https, signers, t0));
        } catch (CannotStart | IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (IOException e) {
            fail("Cannot prepare the folders of the server: " + e);
        }
    }

    static int run(Options options, Https.Setup https, PluginSigners signers, long t0) throws IOException {
        Map<String, String> properties = frameworkProperties(options);
        BundleCache cache = BundleCache.open(options.home(), options.data());
        cache.configure(properties);
        if (https != null) {
            properties.putAll(https.properties());
        }
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi framework on the class path"))
                .newFramework(properties);
        Thread hook = new Thread(() -> stop(framework), "switchboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopOnSignals(framework);
        try {
            framework.init();
            SelfServedLibraries.register(framework.getBundleContext());
            if (signers != null) {
                framework.getBundleContext().registerService(ResolverHookFactory.class,
                        signers, null);
                LOG.log(Level.INFO, "Plugins must be signed by one of " + signers.trusted().size() + " certificate(s) in "
                        + options.pluginSigners());
            }
            List<Bundle> installed = installBundles(framework.getBundleContext(), options.home().resolve("bundle"));
            BundleCache.holdPlugins(framework.getBundleContext(), installed);
            if (https != null) {
                // said before the API can answer: it opens while the rest of the server starts
                LOG.log(Level.INFO, "HTTPS for the management API on port " + options.tls().port() + ", certificate "
                        + https.description());
            }
            framework.start();
            guardFolders(framework.getBundleContext(), installed, options);
            startInPhases(installed);
            BundleCache.releasePlugins(framework);
            cache.started();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long active = Stream.of(framework.getBundleContext().getBundles())
                    .filter(b -> b.getState() == Bundle.ACTIVE).count();
            LOG.log(Level.INFO, "Switchboard started in " + ms + " ms: " + active + " of "
                    + framework.getBundleContext().getBundles().length + " bundles active; data " + options.data()
                    + "; plugins " + options.plugins() + "; management API on " + apiAddresses(options, https));
            if (https != null) {
                watch(https.renewal());
            }
            FrameworkEvent event = framework.waitForStop(0);
            if (event.getType() == FrameworkEvent.ERROR) {
                LOG.log(Level.ERROR, "Framework stopped with an error", event.getThrowable());
                return 1;
            }
            LOG.log(Level.INFO, "Switchboard stopped");
            return 0;
        } catch (BundleException | InterruptedException | IOException | IllegalStateException e) {
            LOG.log(Level.ERROR, "Switchboard failed: " + e.getMessage(), e);
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the framework
            }
        }
    }

    /**
     * SIGTERM and Ctrl-C stop the framework in order and let main exit with 0; the shutdown hook
     * alone would leave the JVM to exit with 143/130 after it.
     */
    @SuppressWarnings("restriction")
    private static void stopOnSignals(Framework framework) {
        for (String name : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name),
                        signal -> new Thread(() -> stop(framework), "switchboard-stop").start());
            } catch (IllegalArgumentException unavailable) {
                // not on this platform: the shutdown hook still stops the framework
            }
        }
    }

    private static void stop(Framework framework) {
        try {
            if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                LOG.log(Level.INFO, "Stopping Switchboard");
                framework.stop();
                framework.waitForStop(30_000);
            }
        } catch (BundleException | InterruptedException e) {
            LOG.log(Level.WARNING, "Stop was not clean: " + e.getMessage());
        }
    }

    /** Every few seconds: a renewed certificate is in use without a restart (for SIP over TLS). */
    private static void watch(Https.Renewal renewal) {
        Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-certificate-watch");
            t.setDaemon(true);
            return t;
        }).scheduleWithFixedDelay(renewal, 5, 5, TimeUnit.SECONDS);
    }

    private static String apiAddresses(Options o, Https.Setup https) {
        List<String> at = new ArrayList<>();
        if (o.tls() != null) {
            at.add("https://" + o.httpHost() + ":" + o.tls().port() + "/api/v1 (certificate " + https.description() + ")");
        }
        if (o.plainHttp()) {
            at.add("http://" + o.httpHost() + ":" + o.httpPort() + "/api/v1");
        }
        return String.join(" and ", at);
    }

    static Map<String, String> frameworkProperties(Options o) {
        Map<String, String> p = new HashMap<>();
        p.put("switchboard.home", o.home().toString());
        p.put("switchboard.data", o.data().toString());
        p.put("switchboard.keys", o.keys().toString());
        p.put("switchboard.plugins", o.plugins().toString());
        p.put("org.osgi.service.http.port", Integer.toString(o.httpPort()));
        p.put("org.apache.felix.http.host", o.httpHost());
        p.put("switchboard.sip.port", Integer.toString(o.sipPort()));
        // a component asked for while another activates it waits this long (Felix SCR's 5 s failed the ones
        // that needed the store on a loaded machine, while the store applied a first start's schemas)
        p.put("ds.lock.timeout.milliseconds", "60000");
        if (o.node() != null) {
            p.put("switchboard.node", o.node());
        }
        // FileInstall: settings (.cfg files) and plugins (bundles), hot-deployed; FolderGuard keeps each
        // folder to its kind. Folders inside them are not installed: an exploded bundle would have no jar
        // whose signature --plugin-signers could check
        p.put("felix.fileinstall.dir", o.conf() + "," + o.plugins());
        p.put("felix.fileinstall.subdir.mode", "skip");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.log.level", "3");
        // FileInstall must never write a configuration back into the admin's files: its write (truncate,
        // then write) raced its own poller, which read the file half-written, updated the configuration
        // with what it saw, and replaced a listening point soon after start with nothing having changed
        p.put("felix.fileinstall.enableConfigSave", "false");
        // Event Admin runs each handler on a pool thread of its own so that it can time it out, two
        // thread hand-offs per event and handler; the server's own handlers only queue their work, so
        // they are called directly ("io.switchboard*": the packages under io.switchboard). Plugins'
        // handlers keep the timeout (docs/benchmarks.md)
        p.put("org.apache.felix.eventadmin.IgnoreTimeout", "io.switchboard*");
        p.put("gosh.args", "--nointeractive");
        p.put("felix.log.level", "1");
        // Let explicitly set system properties (-Dorg.osgi.service.http.port=...) win.
        for (String key : List.copyOf(p.keySet())) {
            String sys = System.getProperty(key);
            if (sys != null) {
                p.put(key, sys);
            }
        }
        return p;
    }

    private static List<Bundle> installBundles(BundleContext context, Path dir) throws IOException, BundleException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("No bundle folder " + dir + " (is switchboard.home right?)");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(context.installBundle(jar.toUri().toString()));
        }
        return bundles;
    }

    /** The bundle that turns the settings folder's .cfg files into configurations. */
    private static final String CONFIG_SOURCE = "org.apache.felix.fileinstall";

    /** Before FileInstall's first scan: settings among the plugins, or plugins among the settings, are ignored. */
    private static void guardFolders(BundleContext context, List<Bundle> bundles, Options options) {
        for (Bundle bundle : bundles) {
            if (CONFIG_SOURCE.equals(bundle.getSymbolicName())) {
                new FolderGuard(options.conf(), options.plugins()).register(context, bundle);
                return;
            }
        }
        throw new IllegalStateException("No " + CONFIG_SOURCE + " in the bundle folder: settings cannot be read");
    }

    /**
     * Starts extenders first (SCR, SPI Fly, ...), then plain {@code ServiceLoader} providers
     * (slf4j's), then libraries that both provide and consume such services (Jetty, Liquibase),
     * then the OSGi service implementations (Config Admin, Event Admin, the HTTP whiteboard) and
     * FileInstall, which hands Config Admin the settings files, with the configuration plugins that
     * prepare those settings for components, then the rest: a library that looks
     * up its providers when first used must find them registered, components must find their
     * settings in place (else each one starts twice), and the whiteboard must be open before
     * servlets come and go (Felix HTTP fails on a servlet leaving while it opens its tracker).
     * This orders by declared capabilities, never by hand-kept start levels.
     */
    static void startInPhases(List<Bundle> bundles) {
        for (int phase = 0; phase < 5; phase++) {
            for (Bundle bundle : bundles) {
                if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null || phase(bundle) != phase) {
                    continue;
                }
                try {
                    // transient: a kept cache must not start bundles before the phases do
                    bundle.start(Bundle.START_TRANSIENT);
                } catch (BundleException e) {
                    LOG.log(Level.ERROR, "Bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage());
                }
            }
        }
    }

    static int phase(Bundle bundle) {
        String provides = bundle.getHeaders("").get(Constants.PROVIDE_CAPABILITY);
        if (provides != null && provides.contains("osgi.extender")) {
            return 0;
        }
        boolean provider = provides != null && provides.contains("osgi.serviceloader")
                || bundle.getHeaders("").get("SPI-Provider") != null;
        if (!provider) {
            boolean implementation = provides != null && provides.contains("osgi.implementation");
            // a configuration plugin changes settings on their way to components: in place before any reads them
            boolean settings = provides != null && provides.contains("org.osgi.service.cm.ConfigurationPlugin");
            return implementation || settings || CONFIG_SOURCE.equals(bundle.getSymbolicName()) ? 3 : 4;
        }
        String requires = bundle.getHeaders("").get(Constants.REQUIRE_CAPABILITY);
        return requires != null && requires.contains("osgi.serviceloader.processor") ? 2 : 1;
    }

    /** Copies each shipped settings file into the settings folder unless the admin has one. */
    static void installDefaultSettings(Path defaults, Path conf) throws IOException {
        if (!Files.isDirectory(defaults)) {
            return;
        }
        try (Stream<Path> files = Files.list(defaults)) {
            for (Path cfg : files.filter(f -> f.toString().endsWith(".cfg")).sorted().toList()) {
                Path target = conf.resolve(cfg.getFileName());
                if (Files.notExists(target)) {
                    Files.copy(cfg, target);
                    LOG.log(Level.INFO, "Created the default settings file " + target);
                }
            }
        }
    }

    /**
     * Creates the data folder if needed (for the server's user only: the database holds digest
     * hashes as good as passwords), proves it writable and takes its lock.
     */
    static FileLock prepareDataFolder(Path data) {
        try {
            Files.createDirectories(data);
            OwnerOnly.folder(data);
        } catch (IOException e) {
            throw new CannotStart("Cannot create the data folder " + data + ": " + e.getMessage());
        }
        if (!Files.isDirectory(data) || !Files.isWritable(data)) {
            throw new CannotStart("The data folder " + data + " is not a writable folder (--data or SWITCHBOARD_DATA)");
        }
        try {
            Path probe = Files.createTempFile(data, ".probe", null);
            Files.delete(probe);
            FileChannel channel = FileChannel.open(data.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new CannotStart("Another Switchboard server is using the data folder " + data);
            }
            return lock;
        } catch (IOException e) {
            throw new CannotStart("Cannot write to the data folder " + data + ": " + e.getMessage());
        }
    }

    static void checkPortFree(String host, int port, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new CannotStart("Cannot listen on " + host + ":" + port + " for the management API ("
                    + e.getMessage() + "); is another server running? Choose another port with " + option);
        }
    }

    /** The default listening points take the SIP port on every address, UDP and TCP. */
    static void checkSipPortFree(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(port));
            try (DatagramSocket udp = new DatagramSocket(port)) {
                udp.getLocalPort();
            }
        } catch (IOException e) {
            throw new CannotStart("Cannot listen on SIP port " + port + " (" + e.getMessage() + "); is another SIP "
                    + "server running? Choose another port with --sip-port or SWITCHBOARD_SIP_PORT");
        }
    }

    private static void fail(String message) {
        PrintStream err = System.err;
        err.println("switchboard: " + message);
        System.exit(EXIT_CANNOT_START);
    }

    /** Bundles and settings others can write would run in the server as its user: refused, not mended. */
    static void refuseOpenToOthers(Path folder, String what) throws IOException {
        List<String> open = OwnerOnly.writableByOthers(folder);
        if (!open.isEmpty()) {
            throw new CannotStart("The " + what + " folder can be written by others, who could then run code or change "
                    + "settings in the server: " + String.join(", ", open) + ". Run: chmod -R go-w " + folder);
        }
    }

    static final class CannotStart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CannotStart(String message) {
            super(message);
        }
    }

}
