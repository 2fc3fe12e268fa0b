package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The queues' wallboard in the real console against a real server: the queue made through the API is listed with
 * its figures, its agents by state with the pause's reason; a supervisor makes the member who paused ready again,
 * and the server's refusal of a member's log-out is said beside the buttons. Then the settings view makes a queue and
 * refuses to write over another admin's change. The run draws both views for the tour.
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

    /**
     * The settings view: a queue made from the form once the server's refusal of a member who is nobody is said
     * above it, and a change over another admin's refused, what was typed kept.
     */
    private void queueSettings(Shell window) throws Exception {
        console.showPart("io.switchboard.queue.ui.part.settings");
        Table settings = console.find(window, "queues.table", Table.class);
        console.awaitRow("600 in the settings", settings, 0, "600"::equals);
        console.type(window, "queues.name", "610");
        Combo strategy = console.find(window, "queues.strategy", Combo.class);
        console.ui(() -> {
            strategy.select(strategy.indexOf("RING_ALL"));
            strategy.notifyListeners(SWT.Selection, new Event());
            return null;
        });
        console.type(window, "queues.members", "bob, nobody");
        console.type(window, "queues.overflow", "voicemail:bob");
        console.type(window, "queues.music", "default");
        console.click(window, "queues.save");
        String refused = console.awaitText(window, "queues.message", t -> !t.isEmpty());
        assertTrue(refused.contains("members: nobody is no user"), refused);
        console.type(window, "queues.members", "bob, carol");
        console.click(window, "queues.save");
        ConsoleDriver.await("610 kept", () -> {
            String q = api.compact("queues/610");
            return q.contains("\"strategy\":\"RING_ALL\"") && q.contains("\"members\":[\"bob\",\"carol\"]")
                    && q.contains("\"overflow\":\"voicemail:bob\"") && q.contains("\"music\":\"default\"")
                    ? q : null;
        });
        console.awaitRow("610 listed", settings, 0, "610"::equals);
        console.tour("queue-settings");

        int row = console.awaitRow("700 in the table", settings, 0, "700"::equals);
        console.select(settings, row);
        console.awaitText(window, "queues.shown", t -> t.equals("700 at version 1"));
        // another admin changes 700 meanwhile, through the API
        api.put("queues/700", "{\"members\":[\"carol\"],\"strategy\":\"FEWEST_CALLS\"}");
        console.type(window, "queues.description", "changed in the console");
        console.click(window, "queues.save");
        String said = console.awaitText(window, "queues.shown", t -> t.startsWith("Not saved"));
        assertTrue(said.contains("someone changed 700"), said);
        String stored = api.compact("queues/700");
        assertTrue(stored.contains("FEWEST_CALLS") && !stored.contains("changed in the console"), stored);
        Text typed = console.find(window, "queues.description", Text.class);
        assertTrue("changed in the console".equals(console.ui(typed::getText)), "what was typed is kept");
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

            queueSettings(window);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
