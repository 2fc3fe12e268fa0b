package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Ring groups in the real console against a real server: the Ring Groups view lists the sales group
 * made through the API, makes a support group one member at a time with a member's own ring time
 * and office hours from the form, and shows the server's refusal of a member no call can reach beside
 * the form. The run draws the view for the console tour.
 */
class GroupsUiTest {

    private static final String PASSWORD = "groups-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of("io.switchboard.numbering.cfg", "defaultCountryCode = 44\n"));
        api = new AdminApi(server, PASSWORD);
        for (String user : new String[] { "bob", "carol", "dave" }) {
            api.put("sip/users/" + user, "{\"password\":\"" + user + "-password-22\"}");
        }
        api.put("schedules/office", "{\"timeZone\":\"Europe/London\",\"hours\":[{\"days\":\"mon-fri\",\"from\":\"08:00\","
                + "\"to\":\"18:00\"}]}");
        api.put("groups/sales", "{\"extension\":\"600\",\"strategy\":\"ring_all\",\"members\":[\"bob\",\"carol\"],"
                + "\"noAnswer\":\"dave\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminMakesAHuntGroup(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.groups.ui.part.groups");
            Table table = console.find(window, "groups.table", Table.class);
            assertEquals("bob, carol", ConsoleDriver.await("sales listed", () -> console.ui(() ->
                    table.getItemCount() == 1 ? table.getItem(0).getText(3) : null)));

            console.type(window, "groups.name", "support");
            console.type(window, "groups.extension", "601");
            Combo strategy = console.find(window, "groups.strategy", Combo.class);
            console.ui(() -> {
                strategy.select(1); // in_order
                return null;
            });
            console.type(window, "groups.members", "carol:10, nobody");
            console.click(window, "groups.save");
            String said = console.awaitText(window, "groups.shown", t -> t.startsWith("Not saved"));
            assertTrue(said.contains("members: nobody is no user"), said);

            console.type(window, "groups.members", "carol:10, dave");
            console.type(window, "groups.noAnswer", "voicemail:carol");
            console.type(window, "groups.schedule", "office");
            console.type(window, "groups.closed", "bob");
            console.click(window, "groups.save");
            ConsoleDriver.await("support kept", () -> api.compact("groups/support").contains(
                    "\"members\":[{\"member\":\"carol\",\"seconds\":10},{\"member\":\"dave\",\"seconds\":0}]"));
            String support = api.compact("groups/support");
            assertTrue(support.contains("\"strategy\":\"in_order\"") && support.contains(
                    "\"closedDestination\":\"bob\""), support);
            ConsoleDriver.await("both listed", () -> console.ui(() -> table.getItemCount() == 2 ? table : null));
            console.tour("groups");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
