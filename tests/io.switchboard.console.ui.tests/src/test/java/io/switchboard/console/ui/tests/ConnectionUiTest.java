package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A server that stops while the console is connected to it: within the heartbeat the overview says it is not
 * answering (and the navigator, and every view of it, take it as not connected); once it runs again the console is
 * connected to it on its own, without the admin pressing Connect.
 */
class ConnectionUiTest {

    private static final String PASSWORD = "connection-ui-secret";

    private final ConsoleDriver console = new ConsoleDriver();

    @Test
    void aServerThatStopsIsShownNotAnsweringAndIsConnectedAgainWhenItComesBack(TestInfo test) throws Exception {
        TestServer server = TestServer.start(PASSWORD);
        try {
            Shell window = console.window();
            console.addServer("comes-and-goes", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading", t -> t.contains(server.url())
                    && t.contains("connected as admin"));
            server.close();
            String lost = console.awaitText(window, "overview.heading", t -> t.contains(server.url())
                    && t.contains("not answering since"));
            console.tour("connection-lost");
            server.restart();
            console.awaitText(window, "overview.heading", t -> t.contains(server.url())
                    && t.contains("connected as admin"));
            console.awaitText(window, "overview.version", t -> !t.isEmpty());
            assertTrue(lost.contains("connects again"), "the admin is told it reconnects on its own: " + lost);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        } finally {
            server.close();
        }
    }
}
