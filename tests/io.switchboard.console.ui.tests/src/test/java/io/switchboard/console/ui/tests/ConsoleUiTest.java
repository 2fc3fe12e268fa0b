package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Drives the real console (the e4 application, started by the UI harness under Xvfb) against a
 * real server process: add the server in the navigator, connect, read the overview. Widgets are
 * found by the ids the console sets on them and operated through their listeners, as SWTBot does.
 * A failing test leaves a screenshot in target/screenshots.
 */
class ConsoleUiTest {

    private static final String WIDGET_ID = "io.switchboard.console.ui.widgetId";
    private static final String PASSWORD = "console-ui-test-secret";

    private TestServer testServer;
    private Path serverOutput;
    private int port;
    private Display display;

    @BeforeEach
    void startServer() throws Exception {
        testServer = TestServer.start(PASSWORD);
        port = testServer.port;
        serverOutput = testServer.output;
        display = Display.getDefault();
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
            Shell window = await("the console window", () -> ui(() -> Arrays.stream(display.getShells())
                    .filter(s -> s.isVisible() && "Switchboard Console".equals(s.getText())).findFirst().orElse(null)));
            Label heading = find(window, "overview.heading", Label.class);

            // Add a server through the dialog, as an admin would.
            click(find(window, "servers.add", Button.class));
            Shell dialog = await("the Add Server dialog", () -> ui(() -> Arrays.stream(display.getShells())
                    .filter(s -> s.isVisible() && "Add Server".equals(s.getText())).findFirst().orElse(null)));
            find(dialog, "server.password", Text.class);
            ui(() -> {
                byId(dialog, "server.name", Text.class).setText("lab");
                byId(dialog, "server.url", Text.class).setText("http://127.0.0.1:" + port);
                byId(dialog, "server.user", Text.class).setText("admin");
                byId(dialog, "server.password", Text.class).setText(PASSWORD);
                return null;
            });
            Button ok = ui(() -> findButton(dialog, "OK"));
            assertTrue(ui(ok::isEnabled), "a valid entry enables OK");
            click(ok);

            // Adding connects at once (a background job); the overview fills in.
            Label version = find(window, "overview.version", Label.class);
            await("the overview to show the server version", () -> {
                String t = ui(() -> text(version));
                return t.startsWith("Switchboard ") ? t : null;
            });
            String bundles = ui(() -> text(byId(window, "overview.bundles", Label.class)));
            String[] parts = bundles.split("/");
            assertEquals(parts[1], parts[0], "every bundle of the server is active: " + bundles);
            assertTrue(Integer.parseInt(parts[1]) > 40, bundles);
            assertTrue(ui(() -> text(byId(window, "overview.health", Label.class))).startsWith("UP"));
            assertTrue(ui(() -> text(heading)).contains("connected as admin"));
            assertTrue(ui(() -> byId(window, "overview.bundleTable", Table.class).getItemCount()) > 40);
            Table servers = find(window, "servers.table", Table.class);
            assertEquals("connected", ui(() -> Arrays.stream(servers.getItems()).filter(i -> "lab".equals(i.getText(0)))
                    .findFirst().orElseThrow().getText(2)));
            // The password went to secure storage, not to the preferences.
            assertTrue(Files.exists(Path.of(System.getProperty("user.home"), ".switchboard", "console.key")));
        } catch (Throwable t) {
            screenshot(test.getDisplayName());
            throw t;
        }
    }

    @Test
    void startTheEmbeddedLocalServerAndSeeItsOverview(TestInfo test) throws Exception {
        try {
            Shell window = await("the console window", () -> ui(() -> Arrays.stream(display.getShells())
                    .filter(s -> s.isVisible() && "Switchboard Console".equals(s.getText())).findFirst().orElse(null)));
            Button local = find(window, "servers.local", Button.class);
            assertEquals("Start Local Server", ui(local::getText));
            click(local);
            Table servers = find(window, "servers.table", Table.class);
            await("the local server to be connected", () -> ui(() -> Arrays.stream(servers.getItems())
                    .filter(i -> "Local server".equals(i.getText(0)) && "connected".equals(i.getText(2)))
                    .findFirst().orElse(null)));
            Label version = find(window, "overview.version", Label.class);
            await("the overview of the local server", () -> {
                String t = ui(() -> text(version));
                return t.startsWith("Switchboard ") ? t : null;
            });
            String address = ui(() -> Arrays.stream(servers.getItems()).filter(i -> "Local server".equals(i.getText(0)))
                    .findFirst().orElseThrow().getText(1));
            assertTrue(address.startsWith("http://127.0.0.1:"), address);
            // It is a real server in this process: it answers on its own port, and only with credentials.
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(address + "/api/v1/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode());

            await("the stop button", () -> ui(() -> "Stop Local Server".equals(local.getText()) ? local : null));
            click(local);
            await("the local server to stop", () -> {
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
            screenshot(test.getDisplayName());
            throw t;
        }
    }

    private <T> T ui(Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(action.get());
            } catch (RuntimeException e) {
                error.set(e);
            }
        });
        if (error.get() != null) {
            throw error.get();
        }
        return result.get();
    }

    /** A click as SWT delivers it; async, since a click may open a modal dialog. */
    private void click(Button button) {
        display.asyncExec(() -> {
            if (!button.isDisposed()) {
                button.notifyListeners(SWT.Selection, new Event());
            }
        });
    }

    private <T extends Control> T find(Composite root, String id, Class<T> type) throws InterruptedException {
        return await("widget " + id, () -> ui(() -> search(root, c -> id.equals(c.getData(WIDGET_ID)), type)));
    }

    /** On the UI thread: the widget with this id, which must be there. */
    private static <T extends Control> T byId(Composite root, String id, Class<T> type) {
        T found = search(root, c -> id.equals(c.getData(WIDGET_ID)), type);
        if (found == null) {
            throw new AssertionError("No widget " + id);
        }
        return found;
    }

    private Button findButton(Composite root, String label) {
        return search(root, c -> c instanceof Button b && label.equals(b.getText().replace("&", "")), Button.class);
    }

    private static <T extends Control> T search(Composite root, Predicate<Control> match, Class<T> type) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c) && match.test(c)) {
                return type.cast(c);
            }
            if (c instanceof Composite composite) {
                T found = search(composite, match, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String text(Label label) {
        return label.getText();
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(60).toMillis();
        while (System.currentTimeMillis() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    private void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("switchboard.screenshots", "target/screenshots")));
            String file = dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "_") + ".png").toString();
            display.syncExec(() -> {
                Rectangle bounds = display.getBounds();
                Image image = new Image(display, bounds.width, bounds.height);
                GC gc = new GC(display);
                gc.copyArea(image, 0, 0);
                gc.dispose();
                ImageData data = image.getImageData();
                image.dispose();
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { data };
                loader.save(file, SWT.IMAGE_PNG);
            });
            System.err.println("Screenshot: " + file);
        } catch (IOException | RuntimeException e) {
            System.err.println("No screenshot: " + e);
        }
    }
}
