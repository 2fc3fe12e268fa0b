package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * A Switchboard server inside the console's own process, for a single-box setup. The server
 * bundles ship with the console and start with the local server ({@link ServerBundles}); the
 * store, the accounts, the switch and the call records then wait for their configuration and Jetty
 * has HTTP disabled. Starting the local server gives them their configuration (H2 and the call record index in
 * {@code ~/.switchboard/local-server}, the admin password kept in secure storage, HTTP on a free
 * loopback port, SIP on 5060 when free); stopping takes it away again.
 */
@Creatable
@Singleton
public class LocalServer {

    /** Connection id of the local server in the navigator. */
    public static final String CONNECTION_ID = "local-server";
    static final String STORE_PID = "io.switchboard.store.jdbc";
    static final String MGMT_PID = "io.switchboard.mgmt";
    static final String HTTP_PID = "org.apache.felix.http";
    static final String SIP_PID = "io.switchboard.sip";
    static final String LISTENER_PID = "io.switchboard.sip.listener";
    static final String INDEX_PID = "io.switchboard.cdr.search.lucene";
    /** The switch and the call records: configured when the console carries them. */
    private static final List<String> SWITCH = List.of("io.switchboard.sip.core", "io.switchboard.cdr.core");

    private final ServerRegistry registry;
    private final BundleContext context = FrameworkUtil.getBundle(LocalServer.class).getBundleContext();
    /** Open for the console's lifetime: Configuration Admin objects die with their service reference. */
    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdmin;

    @Inject
    public LocalServer(ServerRegistry registry) {
        this.registry = registry;
        this.configAdmin = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        this.configAdmin.open();
        if (running()) {
            // It ran when the console last stopped: its settings are kept, its bundles start again.
            Job.create("Starting the local server", monitor -> {
                try {
                    ServerBundles.start(context);
                    return Status.OK_STATUS;
                } catch (IOException e) {
                    return Status.error(e.getMessage(), e);
                }
            }).schedule();
        }
    }

    @PreDestroy
    void close() {
        configAdmin.close();
    }

    static Path home() {
        return Path.of(System.getProperty("user.home"), ".switchboard", "local-server");
    }

    /** @return whether the local server is configured to run in this process */
    public boolean running() {
        try {
            Configuration http = configurationAdmin().getConfiguration(HTTP_PID, "?");
            return http.getProperties() != null && Boolean.TRUE.equals(http.getProperties().get("org.apache.felix.http.enable"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts the local server and waits until it answers. Blocking: call from a job.
     *
     * @return the navigator's connection to it, saved with its password
     */
    public ServerConnection start() throws IOException, InterruptedException {
        // Its database, index and keys: for this user only. The folders the server bundles fill are made
        // here first, as the console's umask would leave them open to others when they made them.
        OwnerOnlyFolder.secure(home());
        OwnerOnlyFolder.secure(home().resolve("db"));
        OwnerOnlyFolder.secure(home().resolve("index").resolve("cdr"));
        ServerBundles.start(context);
        ServerConnection connection = new ServerConnection(CONNECTION_ID, "Local server", "", "admin");
        String password = registry.password(connection).orElseGet(LocalServer::generatePassword);
        int port = freePort();
        ConfigurationAdmin cm = configurationAdmin();
        update(cm, STORE_PID, "url", "jdbc:h2:file:" + home().resolve("db").resolve("switchboard")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        update(cm, MGMT_PID, ".adminPassword", password); // private: kept out of the service registry
        configureSwitch(cm);
        Dictionary<String, Object> http = new Hashtable<>();
        http.put("org.apache.felix.http.enable", Boolean.TRUE);
        http.put("org.apache.felix.http.host", "127.0.0.1");
        http.put("org.osgi.service.http.port", port);
        cm.getConfiguration(HTTP_PID, "?").update(http);
        String url = "http://127.0.0.1:" + port;
        awaitHealthy(url);
        OwnerOnlyFolder.secure(home()); // and whatever the server made while it started
        return registry.save(new ServerConnection(CONNECTION_ID, "Local server", url, "admin"), password);
    }

    /** Stops the local server: its components deactivate and Jetty closes its port. */
    public void stop() throws IOException {
        ConfigurationAdmin cm = configurationAdmin();
        for (String pid : List.of(SIP_PID, INDEX_PID, MGMT_PID, STORE_PID)) {
            Configuration c = cm.getConfiguration(pid, "?");
            if (c.getProperties() != null) {
                c.delete();
            }
        }
        Configuration[] listeners = listConfigurations(cm);
        for (Configuration c : listeners == null ? new Configuration[0] : listeners) {
            c.delete();
        }
        Dictionary<String, Object> http = new Hashtable<>();
        http.put("org.apache.felix.http.enable", Boolean.FALSE);
        cm.getConfiguration(HTTP_PID, "?").update(http);
    }

    /**
     * The softswitch (SIP on 5060 when free, else on a free port, on every address, so that phones of
     * the office can register) and the call records with their index, all under the local server's folder.
     */
    private void configureSwitch(ConfigurationAdmin cm) throws IOException {
        if (!SWITCH.stream().allMatch(name -> ServerBundles.active(context, name))) {
            return;
        }
        // The server bundles keep their files (index, keys) under the data folder they are given.
        if (context.getProperty("switchboard.data") == null) {
            System.setProperty("switchboard.data", home().toString());
        }
        update(cm, INDEX_PID, "folder", home().resolve("index").resolve("cdr").toString());
        update(cm, SIP_PID, "realm", "switchboard");
        int sipPort = sipPort();
        for (String transport : List.of("udp", "tcp")) {
            Dictionary<String, Object> listener = new Hashtable<>();
            listener.put("transport", transport);
            listener.put("address", "0.0.0.0");
            listener.put("port", sipPort);
            cm.getFactoryConfiguration(LISTENER_PID, "local-" + transport, "?").update(listener);
        }
    }

    private static Configuration[] listConfigurations(ConfigurationAdmin cm) throws IOException {
        try {
            return cm.listConfigurations("(service.factoryPid=" + LISTENER_PID + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return 5060 when this machine has it free on UDP and TCP, else a free port */
    private static int sipPort() throws IOException {
        try (ServerSocket tcp = new ServerSocket(5060); DatagramSocket udp = new DatagramSocket(5060)) {
            return 5060;
        } catch (IOException taken) {
            try (DatagramSocket udp = new DatagramSocket(0)) {
                return udp.getLocalPort();
            }
        }
    }

    private static void update(ConfigurationAdmin cm, String pid, String key, String value) throws IOException {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(key, value);
        cm.getConfiguration(pid, "?").update(props);
    }

    private static void awaitHealthy(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 90_000;
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("The local server did not become healthy within 90 s: " + last);
    }

    private ConfigurationAdmin configurationAdmin() throws IOException {
        try {
            ConfigurationAdmin cm = configAdmin.waitForService(10_000);
            if (cm == null) {
                throw new IOException("No Configuration Admin in the console: it cannot run a local server");
            }
            return cm;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String generatePassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
