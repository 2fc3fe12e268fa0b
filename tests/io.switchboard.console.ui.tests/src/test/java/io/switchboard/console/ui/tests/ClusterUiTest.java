package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The Cluster view in the real console against a real server started with a name of its own
 * ({@code --node}): the view says which server the console talks to, and lists it alive with its
 * calls, load and version, as the server's own /cluster/nodes has them. The run draws the view for
 * the console tour.
 */
class ClusterUiTest {

    private static final String PASSWORD = "cluster-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of(), Map.of(), List.of("--node", "sb-london-1"));
        api = new AdminApi(server, PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminSeesTheServersOnTheDatabase(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.cluster.ui.part.cluster");
            String summary = console.awaitText(window, "cluster.summary", t -> t.startsWith("This server:"));
            assertEquals("This server: sb-london-1. 1 on its database, 1 alive.", summary);
            Table table = console.find(window, "cluster.table", Table.class);
            String[] row = ConsoleDriver.await("the server listed", () -> console.ui(() -> table.getItemCount() == 1
                    ? new String[] { table.getItem(0).getText(0), table.getItem(0).getText(1),
                            table.getItem(0).getText(2), table.getItem(0).getText(4) } : null));
            assertEquals("sb-london-1", row[0]);
            assertEquals("alive", row[1]);
            assertEquals("0", row[2], "no calls");
            assertTrue(api.compact("cluster/nodes").contains("\"version\":\"" + row[3] + "\""),
                    "the version the server says: " + row[3]);
            console.tour("cluster");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
