package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Callbacks in the real console against a real server: the admin asks for a weekly call from the
 * form; the table lists it pending and weekly, the server has it with its time; selected and
 * cancelled, it says so. From a missed call's record in the call records, "Ask Callback…" asks the
 * server for a callback with the record's number and name, for the user the call was for. The run
 * draws the view for the console tour.
 */
class CallbacksUiTest {

    private static final String PASSWORD = "callbacks-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
        api = new AdminApi(server, PASSWORD);
        // the callbacks go to London from a US switch: alice may call abroad, and a carrier's route
        // leads there (a callback nothing could place is refused when asked)
        api.put("sip/users/alice",
                "{\"password\":\"alice-password-1\",\"displayName\":\"Alice\",\"callClass\":\"international\"}");
        api.put("sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":5999,\"probe\":false}");
        api.put("sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"carrier\"]}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminAsksForAWeeklyCallAndCancelsIt() throws Exception {
        Shell window = console.window();
        console.addServer("scheduled", server.url(), PASSWORD);
        console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
        console.showPart("io.switchboard.integration.ui.part.callbacks");
        console.ui(() -> {
            ConsoleDriver.byId(window, "callback.kind", Combo.class).select(1);
            ConsoleDriver.byId(window, "callback.repeat", Combo.class).select(2);
            return true;
        });
        console.type(window, "callback.user", "alice");
        console.type(window, "callback.number", "+442079460123");
        console.type(window, "callback.name", "Ada Lovelace");
        console.type(window, "callback.at", "2030-01-07 09:00");
        console.click(window, "callback.ask");
        Table list = console.find(window, "callback.list", Table.class);
        ConsoleDriver.await("the weekly call listed", () -> console.ui(() -> list.getItemCount() == 1
                && list.getItem(0).getText(1).equals("scheduled") && list.getItem(0).getText(5).equals("weekly")
                && list.getItem(0).getText(6).equals("pending") ? list : null));
        String kept = api.compact("callbacks");
        assertTrue(kept.contains("\"kind\":\"scheduled\"") && kept.contains("\"repeatDays\":7")
                && kept.contains("\"due\":\"2030-01-0"), kept);
        console.tour("callbacks");
        console.select(list, 0);
        console.click(window, "callback.cancel");
        ConsoleDriver.await("cancelled", () -> console.ui(() -> list.getItemCount() == 1
                && list.getItem(0).getText(6).equals("cancelled") ? list : null));
        assertTrue(api.compact("callbacks").contains("\"state\":\"CANCELLED\""));
    }

    @Test
    void aMissedCallIsCalledBackFromItsRecord() throws Exception {
        // Asterisk's Master.csv: Ada called alice, nobody answered
        api.post("cdr/import?format=asterisk-csv&source=asterisk:pbx1&fileName=Master.csv",
                "\"\",\"+442079460123\",\"alice\",\"from-trunk\",\"\"\"Ada Lovelace\"\" <+442079460123>\","
                        + "\"SIP/trunk-01\",\"SIP/alice-02\",\"Dial\",\"SIP/alice,30\",\"2026-11-26 09:00:00\",\"\","
                        + "\"2026-11-26 09:00:30\",30,0,\"NO ANSWER\",\"DOCUMENTATION\"\n", "text/csv");
        Shell window = console.window();
        console.addServer("missed", server.url(), PASSWORD);
        console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
        console.showPart("io.switchboard.cdr.ui.part.search");
        console.awaitRecord(window, "disposition:no_answer");
        Table results = console.find(window, "cdr.results", Table.class);
        console.select(results, 0);
        console.click(window, "cdr.askCallback");
        Shell dialog = console.shell("Ask Callback");
        String prefilled = console.ui(() -> ConsoleDriver.byClass(dialog, Text.class).getText());
        assertTrue(prefilled.equals("alice"), "the user the call was for: " + prefilled);
        console.press(dialog, "OK");
        // the search's status line says so at once, but a search that ends later writes over it: the Callbacks
        // view, which the message points to, is where the admin follows the callback
        String kept = ConsoleDriver.await("the callback kept", () -> {
            String all = api.compact("callbacks");
            return all.contains("\"user\":\"alice\"") ? all : null;
        });
        assertTrue(kept.contains("\"kind\":\"callback\"") && kept.contains("\"number\":\"+442079460123\"")
                && kept.contains("\"name\":\"AdaLovelace\""), kept);
        console.showPart("io.switchboard.integration.ui.part.callbacks");
        Table list = console.find(window, "callback.list", Table.class);
        ConsoleDriver.await("the callback listed", () -> console.ui(() -> list.getItemCount() == 1
                && list.getItem(0).getText(1).equals("callback") && list.getItem(0).getText(2).equals("alice")
                && list.getItem(0).getText(3).startsWith("+442079460123") ? list : null));
    }
}
