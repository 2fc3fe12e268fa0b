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
 * The auto attendant in the real console against a real server: the menus view lists the menu made through the
 * API, makes a second one from the form once the server's refusal of a key to nowhere is said beside it, and
 * refuses to write a change over another admin's: a menu changed through the API after the console read it is
 * not saved from the console, and the other change stands. The run draws the view for the console tour.
 */
class AttendantUiTest {

    private static final String PASSWORD = "attendant-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of());
        api = new AdminApi(server, PASSWORD);
        api.put("sip/users/201", "{\"password\":\"bob-password-22\"}");
        api.put("attendant/menus/800",
                "{\"greeting\":\"welcome\",\"keys\":{\"1\":\"201\"},\"description\":\"main number\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminMakesAMenuAndNeverWritesOverAnotherAdminsChange(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading",
                    t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.attendant.ui.part.menus");
            Table table = console.find(window, "menus.table", Table.class);
            console.awaitRow("menu 800 listed with its key", table, 2, "1 201"::equals);

            console.type(window, "menus.name", "801");
            console.type(window, "menus.keys", "1 = 201\n2 = menu:nope");
            console.click(window, "menus.save");
            String said = console.awaitText(window, "menus.shown", t -> t.startsWith("Not saved"));
            assertTrue(said.contains("keys.2") && said.contains("nope"), said);
            console.type(window, "menus.keys", "1 = 201\n2 = menu:800");
            console.click(window, "menus.directDial");
            console.type(window, "menus.description", "sales line");
            console.click(window, "menus.save");
            ConsoleDriver.await("801 kept", () -> {
                String m = api.compact("attendant/menus/801");
                return m.contains("\"2\":\"menu:800\"") && m.contains("\"directDial\":true") ? m : null;
            });
            ConsoleDriver.await("both listed", () -> console.ui(() -> table.getItemCount() == 2 ? table : null));
            console.tour("attendant");

            int row = console.awaitRow("800 in the table", table, 0, "800"::equals);
            console.select(table, row);
            console.awaitText(window, "menus.shown", t -> t.equals("800 at version 1"));
            // another admin changes 800 meanwhile, through the API
            api.put("attendant/menus/800", "{\"greeting\":\"welcome\",\"keys\":{\"1\":\"201\",\"9\":\"201\"}}");
            console.type(window, "menus.description", "changed in the console");
            console.click(window, "menus.save");
            said = console.awaitText(window, "menus.shown", t -> t.startsWith("Not saved"));
            assertTrue(said.contains("changed meanwhile"), said);
            String stored = api.compact("attendant/menus/800");
            assertTrue(stored.contains("\"9\":\"201\"") && !stored.contains("changed in the console"), stored);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
