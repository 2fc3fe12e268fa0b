package io.switchboard.console.ui.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.mgmt.client.CdrClient;
import io.switchboard.mgmt.client.SipClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the real console (the e4 application, started by the UI harness under Xvfb) against a
 * real server process: add the server in the navigator, connect, read the overview. Widgets are
 * found by the ids the console sets on them and operated through their listeners, as SWTBot does.
 * A failing test leaves a screenshot in target/screenshots.
 */
class ConsoleUiTest {

    private static final String PASSWORD = "console-ui-test-secret";

    private TestServer testServer;
    private Path serverOutput;
    private int port;
    private final ConsoleDriver console = new ConsoleDriver();

    @BeforeEach
    void startServer() throws Exception {
        testServer = TestServer.start(PASSWORD);
        port = testServer.port;
        serverOutput = testServer.output;
    }

    @AfterEach
    void stopServer(TestInfo test) throws Exception {
        if (testServer != null) {
            testServer.close();
        }
    }

    @Test
    void addServerConnectAndSeeOverview(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            Label heading = console.find(window, "overview.heading", Label.class);

            // Add a server through the dialog, as an admin would.
            console.addServer("lab", "http://127.0.0.1:" + port, PASSWORD);

            // Adding connects at once (a background job); the overview fills in.
            Label version = console.find(window, "overview.version", Label.class);
            ConsoleDriver.await("the overview to show the server version", () -> {
                String t = console.ui(version::getText);
                return t.startsWith("Switchboard ") ? t : null;
            });
            String bundles = console.ui(() -> ConsoleDriver.byId(window, "overview.bundles", Label.class).getText());
            String[] parts = bundles.split("/");
            assertEquals(parts[1], parts[0], "every bundle of the server is active: " + bundles);
            assertTrue(Integer.parseInt(parts[1]) > 40, bundles);
            assertTrue(console.ui(() -> ConsoleDriver.byId(window, "overview.health", Label.class).getText()).startsWith("UP"));
            assertTrue(console.ui(heading::getText).contains("connected as admin"));
            assertTrue(console.ui(() -> ConsoleDriver.byId(window, "overview.bundleTable", Table.class).getItemCount()) > 40);
            // the plugins with who signed them and the services they provide and use
            Table plugins = console.find(window, "overview.plugins", Table.class);
            ConsoleDriver.await("the plugin list", () -> console.ui(() -> plugins.getItemCount() > 0 ? plugins : null));
            List<String> columns = console.ui(() -> Arrays.stream(plugins.getColumns()).map(c -> c.getText()).toList());
            assertTrue(columns.containsAll(List.of("Signed by", "Provides", "Uses")), columns.toString());
            String csv = console.ui(() -> Arrays.stream(plugins.getItems()).filter(i -> i.getText(0).equals("cdr-export-csv"))
                    .findFirst().map(i -> i.getText(columns.indexOf("Signed by")) + "|" + i.getText(columns.indexOf("Provides")))
                    .orElse(""));
            assertTrue(csv.startsWith("unsigned|") && csv.contains("CdrExporter"), csv);
            console.tour("server-overview");
            TreeItem lab = console.navigatorItem("lab");
            assertEquals("connected", console.ui(() -> lab.getText(1)));
            // The password went to secure storage, not to the preferences; the key that unlocks it
            // (no desktop keyring here) is kept away from the store, both for this user only.
            String xdg = System.getenv("XDG_CONFIG_HOME");
            Path key = (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg))
                    .resolve("switchboard/console.key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)), key.toString());
            Path store = Path.of(System.getProperty("user.home"), ".switchboard");
            assertFalse(Files.exists(store.resolve("console.key")), "no key next to the store");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    store.resolve("console-secure-storage"))));
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    @Test
    void startTheEmbeddedLocalServerAndSeeItsOverview(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            String local = "io.switchboard.console.ui.toolitem.localServer";
            assertEquals("Start Local", console.ui(console.toolItem(local)::getText));
            console.clickToolItem(local);
            Tree servers = console.find(window, "servers.tree", Tree.class);
            ConsoleDriver.await("the local server to be connected", () -> console.ui(() -> Arrays.stream(servers.getItems())
                    .filter(i -> "Local server".equals(i.getText(0)) && "connected".equals(i.getText(1)))
                    .findFirst().orElse(null)));
            Label version = console.find(window, "overview.version", Label.class);
            ConsoleDriver.await("the overview of the local server", () -> {
                String t = console.ui(version::getText);
                return t.startsWith("Switchboard ") ? t : null;
            });
            String address = console.ui(() -> Arrays.stream(servers.getItems()).filter(i -> "Local server".equals(i.getText(0)))
                    .findFirst().orElseThrow().getText(2));
            assertTrue(address.startsWith("http://127.0.0.1:"), address);
            // It is a real server in this process: it answers on its own port, and only with credentials.
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(address + "/api/v1/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode());
            // It is a whole server: the switch and the call records answer through the console's clients.
            SelectedServer selected = ConsoleDriver.selectedServer();
            assertEquals("Local server", selected.name().orElseThrow());
            ConsoleDriver.await("the local switch", () -> ConsoleDriver.answer(() -> new SipClient(selected.client()).users()));
            assertTrue(ConsoleDriver.await("the local call records",
                    () -> ConsoleDriver.answer(() -> new CdrClient(selected.client()).status().storedRecords())) >= 0);
            // its database, index and keys are for this user only
            Path home = Path.of(System.getProperty("user.home"), ".switchboard", "local-server");
            try (var all = Files.walk(home)) {
                List<String> open = all.filter(p -> !Files.isSymbolicLink(p)).filter(p -> {
                    try {
                        return Files.isDirectory(p) && !PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                                .equals("rwx------");
                    } catch (IOException gone) {
                        return false;
                    }
                }).map(Path::toString).toList();
                assertEquals(List.of(), open, "folders of the local server open to others");
            }

            ToolItem stop = console.toolItem(local);
            ConsoleDriver.await("the stop button", () -> console.ui(() -> "Stop Local".equals(stop.getText()) ? stop : null));
            console.clickToolItem(local);
            ConsoleDriver.await("the local server to stop", () -> {
                try {
                    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address + "/api/v1/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    return null;
                } catch (IOException closed) {
                    return closed;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
