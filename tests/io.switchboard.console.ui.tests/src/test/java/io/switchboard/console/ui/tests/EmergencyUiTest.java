package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.testing.Baresip;
import io.switchboard.testing.PortRange;
import io.switchboard.testing.Tones;

/**
 * Emergency calls in the real console against a real server: the Emergency view makes a location
 * from its form and assigns it to a user; alice's baresip dials 911, the emergency trunk (SIPp's own
 * answering scenario) answers, and the red banner across the console says who called, from where and
 * that the call is answered; when she hangs up the banner goes and the log says the call ended. The
 * run draws the view with the banner for the console tour.
 */
class EmergencyUiTest {

    private static final String PASSWORD = "emergency-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;
    private AdminApi api;
    private Process psap;

    @TempDir
    Path base;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
        api = new AdminApi(server, PASSWORD);
        api.put("sip/users/alice", "{\"password\":\"alice-password-1\",\"displayName\":\"Alice\"}");
        api.put("sip/users/bob", "{\"password\":\"bob-password-22\",\"displayName\":\"Bob\"}");
        api.put("sip/numbers/%2B15125550100", "{\"destination\":\"alice\"}");
        int psapPort = PortRange.UI.free();
        // SIPp's control socket would take 8888 and up, which this range may give a server next
        psap = new ProcessBuilder("sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", Integer.toString(psapPort), "-m", "1",
                "-nostdin", "-cp", Integer.toString(PortRange.UI.free())).redirectErrorStream(true)
                .redirectOutput(base.resolve("psap.out").toFile()).start();
        api.put("sip/trunks/psap", "{\"host\":\"127.0.0.1\",\"port\":" + psapPort + ",\"addresses\":[\"127.0.0.1:"
                + psapPort + "\"],\"probe\":false}");
        api.put("sip/routes/emergency", "{\"priority\":1,\"pattern\":\"911\",\"trunks\":[\"psap\"]}");
        api.put("emergency/locations/hq-floor2", "{\"address\":{\"country\":\"US\",\"a1\":\"TX\",\"a3\":\"Austin\","
                + "\"rd\":\"Main St\",\"hno\":\"100\",\"flr\":\"2\",\"room\":\"201\",\"pc\":\"78701\",\"nam\":\"Acme HQ\"},"
                + "\"elin\":\"+15125550199\"}");
        api.put("emergency/assignments", "{\"kind\":\"network\",\"key\":\"127.0.0.0/8\",\"location\":\"hq-floor2\"}");
    }

    @AfterEach
    void stop() throws Exception {
        psap.destroy();
        psap.waitFor(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void anAdminKeepsTheAddressBookAndSeesAnEmergencyCallAsItHappens(TestInfo test) throws Exception {
        try (Baresip alice = new Baresip(base.resolve("alice"), server.sipPort, "alice", "alice-password-1",
                Tones.write(base.resolve("tone.wav"), 440, 60))) {
            ConsoleDriver.await("alice registered", () -> !api.compact("sip/registrations?user=alice").equals("[]"));
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            // while hidden, the workbench keeps the banner in a shell of its own: it is looked for in every shell
            Label banner = ConsoleDriver.await("the banner's label", () -> console.ui(() -> {
                for (Shell shell : window.getDisplay().getShells()) {
                    try {
                        return ConsoleDriver.byId(shell, "emergency.banner", Label.class);
                    } catch (AssertionError notHere) {
                        // the next shell
                    }
                }
                return null;
            }));
            ConsoleDriver.await("no banner while all is quiet", () -> console.ui(() -> banner.isVisible() ? null : banner));
            console.showPart("io.switchboard.emergency.ui.part.emergency");
            Table locations = console.find(window, "emergency.locations", Table.class);
            ConsoleDriver.await("the address book", () -> console.ui(() -> locations.getItemCount() == 1
                    && locations.getItem(0).getText(1).equals("Acme HQ, 100 Main St, floor 2, room 201, Austin, TX 78701, US")
                    ? locations : null));

            // a location from the form, assigned to bob
            for (String[] f : new String[][] { { "name", "branch" }, { "country", "US" }, { "state", "TX" },
                { "city", "Austin" }, { "street", "Congress Ave" }, { "number", "500" }, { "postal-code", "78701" } }) {
                console.type(window, "emergency." + f[0], f[1]);
            }
            console.click(window, "emergency.save");
            ConsoleDriver.await("branch saved", () -> api.compact("emergency/locations/branch").contains("\"hno\":\"500\""));
            console.type(window, "emergency.key", "bob");
            console.ui(() -> {
                ConsoleDriver.byId(window, "emergency.kind", Combo.class).setText("user");
                return true;
            });
            console.click(window, "emergency.assign");
            ConsoleDriver.await("branch assigned to bob", () -> api.compact("emergency/assignments")
                    .contains("\"kind\":\"user\",\"key\":\"bob\",\"location\":\"branch\""));

            alice.command("dial", "sip:911@127.0.0.1:" + server.sipPort);
            String said = ConsoleDriver.await("the banner", () -> console.ui(() -> banner.isVisible()
                    && banner.getText().startsWith("EMERGENCY CALL, answered: ") ? banner.getText() : null));
            assertTrue(said.startsWith("EMERGENCY CALL, answered: alice dialled 911 at ") && said.contains(
                    "callback +15125550199, from Acme HQ, 100 Main St, floor 2, room 201, Austin, TX 78701, US"), said);
            Table calls = console.find(window, "emergency.calls", Table.class);
            ConsoleDriver.await("the call in the log", () -> console.ui(() -> calls.getItemCount() == 1 ? calls : null));
            console.tour("emergency");
            alice.command("hangup", "");
            ConsoleDriver.await("the banner gone", () -> console.ui(() -> banner.isDisposed() || !banner.isVisible()
                    ? Boolean.TRUE : null));
            ConsoleDriver.await("ended in the log", () -> console.ui(() -> calls.getItemCount() == 1
                    && calls.getItem(0).getText(7).equals("ended") ? calls : null));
            assertTrue(List.of(api.compact("emergency/calls")).get(0).contains("\"trunk\":\"psap\""));
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
