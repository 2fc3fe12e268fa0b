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
 * Paging in the real console against a real server: the paging view lists the group made through the API, makes
 * an intercom group from the form once the server's refusal of a member who is no user is said beside it, and
 * refuses to write a change over another admin's. The run draws the view for the console tour.
 */
class PagingUiTest {

    private static final String PASSWORD = "paging-ui-test";

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
        api.put("paging/groups/800", "{\"members\":[\"alice\",\"bob\"],\"description\":\"warehouse\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminMakesAnIntercomGroupAndNeverWritesOverAnotherAdminsChange(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading",
                    t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.paging.ui.part.groups");
            Table table = console.find(window, "paging.table", Table.class);
            console.awaitRow("group 800 listed with its members", table, 1, "alice, bob"::equals);

            console.type(window, "paging.name", "801");
            console.type(window, "paging.members", "carol, nobody");
            console.click(window, "paging.save");
            String said = console.awaitText(window, "paging.shown", t -> t.startsWith("Not saved"));
            assertTrue(said.contains("nobody is no user"), said);
            console.type(window, "paging.members", "carol, alice");
            console.click(window, "paging.duplex");
            console.type(window, "paging.description", "front desk intercom");
            console.click(window, "paging.save");
            ConsoleDriver.await("801 kept", () -> {
                String g = api.compact("paging/groups/801");
                return g.contains("[\"carol\",\"alice\"]") && g.contains("\"duplex\":true") ? g : null;
            });
            ConsoleDriver.await("both listed", () -> console.ui(() -> table.getItemCount() == 2 ? table : null));
            console.tour("paging");

            int row = console.awaitRow("800 in the table", table, 0, "800"::equals);
            console.select(table, row);
            console.awaitText(window, "paging.shown", t -> t.equals("800 at version 1"));
            // another admin changes 800 meanwhile, through the API
            api.put("paging/groups/800", "{\"members\":[\"alice\",\"bob\",\"carol\"]}");
            console.type(window, "paging.description", "changed in the console");
            console.click(window, "paging.save");
            said = console.awaitText(window, "paging.shown", t -> t.startsWith("Not saved"));
            assertTrue(said.contains("changed meanwhile"), said);
            String stored = api.compact("paging/groups/800");
            assertTrue(stored.contains("\"carol\"") && !stored.contains("changed in the console"), stored);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
