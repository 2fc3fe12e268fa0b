package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Call forwarding in the real console against a real server: the Call Forwarding view lists bob's
 * forward set through the API, sets carol's busy forward from the form, and shows the server's
 * refusal of a number carol's class of service does not allow beside the form; the route simulator
 * shows a call to bob's whole path as a tree, with the loop of carol's forward back to him. The run draws the view for the
 * console tour.
 */
class ForwardingUiTest {

    private static final String PASSWORD = "forwarding-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of("io.switchboard.numbering.cfg", "defaultCountryCode = 44\n"));
        api = new AdminApi(server, PASSWORD);
        api.put("sip/users/bob", "{\"password\":\"bob-password-22\"}");
        api.put("sip/users/carol", "{\"password\":\"carol-password-3\"}");
        api.put("voicemail/mailboxes/bob", "{\"enabled\":true}");
        api.put("sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":5999,\"probe\":false}");
        api.put("sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"carrier\"]}");
        api.put("forwarding/users/bob", "{\"noAnswer\":\"voicemail\",\"noAnswerSeconds\":20,\"busy\":\"carol\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminSetsAForwardAndSeesARefusal(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.forwarding.ui.part.forwarding");
            Table table = console.find(window, "forwarding.table", Table.class);
            ConsoleDriver.await("bob's forward listed", () -> console.ui(() -> table.getItemCount() == 1
                    && table.getItem(0).getText(3).equals("voicemail after 20 s") ? table : null));

            console.type(window, "forwarding.user", "carol");
            console.click(window, "forwarding.show");
            console.awaitText(window, "forwarding.shown", t -> t.equals("carol: forwards nothing"));
            console.type(window, "forwarding.busy", "bob");
            console.click(window, "forwarding.save");
            ConsoleDriver.await("carol's forward kept", () -> api.compact("forwarding/users/carol")
                    .contains("\"busy\":\"bob\""));
            ConsoleDriver.await("both listed", () -> console.ui(() -> table.getItemCount() == 2 ? table : null));

            console.type(window, "forwarding.always", "+14155550100");
            console.click(window, "forwarding.save");
            String said = console.awaitText(window, "forwarding.shown", t -> t.startsWith("Not saved"));
            assertTrue(said.contains("always: forward to +14155550100 refused: Class of service: carol may call "
                    + "national numbers"), said);
            String carol = api.compact("forwarding/users/carol");
            assertTrue(carol.contains("\"always\":null"), "nothing changed: " + carol);
            console.type(window, "forwarding.always", "");
            console.tour("forwarding");

            // the route simulator shows the whole path: bob's phones, his busy forward to carol, hers back
            console.showPart("io.switchboard.sip.ui.part.simulator");
            console.type(window, "simulator.caller", "carol");
            console.type(window, "simulator.number", "bob");
            console.click(window, "simulator.run");
            Tree path = console.find(window, "simulator.path", Tree.class);
            // the console is shared by the suite's tests: the view may still show another test's simulation
            assertEquals("bob's phones ring: no phone registered now", ConsoleDriver.await("bob's path",
                    () -> console.ui(() -> path.getItemCount() == 1 && path.getItem(0).getText().startsWith("bob's")
                            ? path.getItem(0).getText() : null)));
            assertEquals("when user-busy: forwarded bob -> carol", console.ui(() -> path.getItem(0).getItem(0)
                    .getText()));
            assertEquals("carol's phones ring: no phone registered now", console.ui(() -> path.getItem(0).getItem(0)
                    .getItem(0).getText()));
            String loop = console.ui(() -> path.getItem(0).getItem(0).getItem(0).getItem(0).getText());
            assertTrue(loop.startsWith("when user-busy: forwarded carol -> bob: not followed: a loop back to bob"),
                    loop);
            assertEquals("when no-answer: forwarded bob -> voicemail: to bob's voicemail", console.ui(() -> path
                    .getItem(0).getItem(1).getText()));
            console.tour("simulator-path");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
