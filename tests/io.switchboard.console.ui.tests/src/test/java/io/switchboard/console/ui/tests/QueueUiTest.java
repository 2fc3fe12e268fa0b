package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The queues' wallboard in the real console against a real server: the queue made through the API is listed with
 * its figures, its agents by state with the pause's reason; a supervisor makes the member who paused ready again,
 * and the server's refusal of a member's log-out is said beside the buttons. The run draws the view for the tour.
 */
class QueueUiTest {

    private static final String PASSWORD = "queue-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of());
        api = new AdminApi(server, PASSWORD);
        for (String user : new String[] { "alice", "bob", "carol" }) {
            api.put("sip/users/" + user, "{\"password\":\"" + user + "-password-22\"}");
        }
        api.put("queues/600", "{\"members\":[\"alice\"],\"dynamic\":true,\"description\":\"support\"}");
        api.put("queues/700", "{\"members\":[\"carol\"],\"strategy\":\"ROUND_ROBIN\"}");
        api.put("queues/600/agents/alice", "{\"state\":\"PAUSED\",\"reason\":\"lunch\"}");
        api.put("queues/600/agents/bob", "{\"state\":\"READY\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aSupervisorSeesTheAgentsAndMakesOneReady(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading",
                    t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.queue.ui.part.wallboard");
            Table queues = console.find(window, "queue.queues", Table.class);
            console.awaitRow("both queues listed", queues, 0, "700"::equals);
            int row = console.awaitRow("600 listed", queues, 0, "600"::equals);
            console.select(queues, row);
            console.awaitText(window, "queue.tile.queue", "600"::equals);
            Table agents = console.find(window, "queue.agents", Table.class);
            int alice = console.awaitRow("alice paused for lunch", agents, 0, "alice (member)"::equals);
            ConsoleDriver.await("her reason shown", () -> console.ui(() -> "lunch".equals(agents.getItem(alice)
                    .getText(2)) && "PAUSED".equals(agents.getItem(alice).getText(1)) ? agents : null));
            console.awaitRow("bob logged in and ready", agents, 0, "bob"::equals);
            console.tour("queues");

            console.select(agents, alice);
            console.click(window, "queue.logout");
            String said = console.awaitText(window, "queue.shown", t -> t.startsWith("Not changed"));
            assertTrue(said.contains("a member pauses"), said);
            console.click(window, "queue.ready");
            console.awaitText(window, "queue.shown", t -> t.equals("alice of queue 600: READY"));
            String status = api.compact("queues/600/status");
            assertTrue(status.contains("\"agent\":\"alice\",\"state\":\"READY\""), status);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
