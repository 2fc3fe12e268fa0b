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
 * Schedules in the real console against a real server: the Schedules view lists the office hours
 * made through the API with whether they are open now, makes a weekend schedule with a holiday from
 * the form, and shows beside the form the server's refusals: a time zone it does not know, and the
 * deletion of a schedule a number uses. The run draws the view for the console tour.
 */
class SchedulesUiTest {

    private static final String PASSWORD = "schedules-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of("io.switchboard.numbering.cfg", "defaultCountryCode = 44\n"));
        api = new AdminApi(server, PASSWORD);
        api.put("sip/users/bob", "{\"password\":\"bob-password-22\"}");
        api.put("schedules/office", "{\"timeZone\":\"Europe/London\",\"hours\":[{\"days\":\"mon-fri\",\"from\":\"08:00\","
                + "\"to\":\"18:00\"}],\"holidays\":[{\"from\":\"2026-12-25\",\"to\":\"2026-12-26\",\"name\":\"Christmas\"}],"
                + "\"description\":\"London office\"}");
        api.put("sip/numbers/%2B442071110002", "{\"destination\":\"bob\",\"schedule\":\"office\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminMakesASchedule(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.schedules.ui.part.schedules");
            Table table = console.find(window, "schedules.table", Table.class);
            String now = ConsoleDriver.await("the office listed", () -> console.ui(() -> table.getItemCount() == 1
                    && table.getItem(0).getText(2).equals("mon-fri 08:00-18:00")
                    && table.getItem(0).getText(3).equals("2026-12-25..2026-12-26 Christmas")
                            ? table.getItem(0).getText(4) : null));
            assertTrue(now.startsWith("open: ") || now.startsWith("closed: "), now);

            console.type(window, "schedules.name", "weekend");
            console.type(window, "schedules.zone", "Mars/Base");
            console.type(window, "schedules.hours", "sat,sun\nfri 18:00-24:00");
            console.type(window, "schedules.holidays", "2027-01-01 New Year");
            console.click(window, "schedules.save");
            String said = console.awaitText(window, "schedules.shown", t -> t.startsWith("Not saved"));
            assertTrue(said.contains("timeZone: 'Mars/Base' is no zone"), said);

            console.type(window, "schedules.zone", "Europe/London");
            console.type(window, "schedules.description", "weekend cover");
            console.click(window, "schedules.save");
            ConsoleDriver.await("the weekend kept", () -> api.compact("schedules/weekend").contains(
                    "\"hours\":[{\"days\":\"sat,sun\",\"from\":null,\"to\":null},{\"days\":\"fri\",\"from\":\"18:00\","
                            + "\"to\":\"24:00\"}]"));
            ConsoleDriver.await("both listed", () -> console.ui(() -> table.getItemCount() == 2 ? table : null));
            console.tour("schedules");

            console.type(window, "schedules.name", "office");
            console.click(window, "schedules.delete");
            said = console.awaitText(window, "schedules.shown", t -> t.startsWith("Not deleted"));
            assertTrue(said.contains("in use by number +442071110002"), said);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
