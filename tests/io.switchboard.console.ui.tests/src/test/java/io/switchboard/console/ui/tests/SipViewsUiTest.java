package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.switchboard.console.ui.Refreshable;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.Route;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.ui.internal.NumbersPart;

/**
 * The softswitch's views in the real console against a real server: an admin creates a trunk
 * (and is told beside the field what the server refused), a user, numbers (one by one and from
 * a CSV file with a bad line) and a route; simulates a number; watches trunk health live, and
 * sees "disconnected, retrying" when the server goes away; lifts the lockout of an address that guessed
 * passwords. The run also draws the console tour.
 */
class SipViewsUiTest {

    private static final String PASSWORD = "sip-views-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        // loopback is trusted by default; here an address on it guesses passwords (Lockouts view)
        server = TestServer.start(PASSWORD, Map.of("io.switchboard.sip.cfg", "trustedNetworks = 192.0.2.1\n",
                "io.switchboard.numbering.cfg", "defaultCountryCode = 44\n")); // a UK switch: +44 numbers are national
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminProvisionsTheSwitchFromTheConsole(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            SipClient api = new SipClient(new ManagementClient(server.url(), "admin", PASSWORD));

            console.showPart("io.switchboard.sip.ui.part.trunks");
            console.awaitText(window, "trunks.status", t -> t.startsWith("0 trunks"));
            console.click(window, "trunks.new");
            console.type(window, "trunks.form.name", "carrier-a");
            console.type(window, "trunks.form.host", "127.0.0.1");
            console.type(window, "trunks.form.port", "70000");
            console.type(window, "trunks.form.password", "carrier-secret");
            console.click(window, "trunks.save");
            String refusal = console.awaitText(window, "trunks.form.port.error", t -> !t.isEmpty());
            assertTrue(refusal.contains("1 to 65535"), refusal);
            console.type(window, "trunks.form.port", "5099");
            select(console, window, "trunks.form.transport", 2); // tls
            console.type(window, "trunks.form.tlsPin", "ab".repeat(32));
            select(console, window, "trunks.form.mediaEncryption", 0); // required
            console.click(window, "trunks.save");
            console.awaitText(window, "trunks.status", t -> t.startsWith("1 trunk on switch"));
            Trunk saved = api.trunks().get(0).trunk();
            assertEquals(5099, saved.port());
            assertEquals("tls", saved.transport());
            assertEquals(String.join(":", Collections.nCopies(32, "AB")), saved.tlsPin(), "as logs spell it");
            assertEquals(MediaEncryption.REQUIRED, saved.mediaEncryption());
            assertTrue(saved.hasSecret(), "the typed password went to the server");
            assertEquals("", console.ui(() -> ConsoleDriver.byId(window, "trunks.form.password",
                    Text.class).getText()), "and is not shown back");
            // a trunk with no addresses at this machine's own address would take the console's calls for its own
            String warning = console.awaitText(window, "trunks.form.message", t -> t.contains("lists no addresses"));
            assertTrue(warning.contains("every request from 127.0.0.1 on any port")
                    && warning.contains("127.0.0.1:5099"), warning);
            console.type(window, "trunks.form.addresses", "127.0.0.1:5099");
            console.click(window, "trunks.save");
            console.awaitText(window, "trunks.form.message", String::isEmpty);
            assertEquals(List.of("127.0.0.1:5099"), api.trunks().get(0).trunk().addresses());
            console.tour("trunks");

            console.showPart("io.switchboard.sip.ui.part.users");
            console.click(window, "users.new");
            console.type(window, "users.form.username", "alice");
            console.type(window, "users.form.displayName", "Alice Example");
            console.type(window, "users.form.password", "alice-secret-1");
            Combo callClass = console.find(window, "users.form.callClass", Combo.class);
            console.ui(() -> {
                callClass.select(3); // international
                callClass.notifyListeners(SWT.Selection, new Event());
                return null;
            });
            console.type(window, "users.form.maxCalls", "2");
            select(console, window, "users.form.mediaEncryption", 1); // required
            console.click(window, "users.save");
            console.awaitText(window, "users.status", t -> t.startsWith("1 user on switch"));
            SipClient.UserView alice = api.userViews().get(0);
            assertEquals(new CallingPolicy(CallClass.INTERNATIONAL, 2, null,
                    MediaEncryption.REQUIRED), alice.own(), "what alice may call");
            assertEquals(10, alice.effective().callsPerMinute(), "the server's default fills in the rest");
            Table userTable = console.find(window, "users.table", Table.class);
            ConsoleDriver.await("alice's class of service shown", () -> console.ui(() -> userTable.getItemCount() == 1
                    && "international".equals(userTable.getItem(0).getText(3)) ? userTable : null));
            console.tour("users");

            // another admin changes alice while her form is open: the console's save is refused by the server and
            // the two changes set side by side; the merge keeps each one's own field and the admin's choice
            SipClient.UserView shown = api.userViews().get(0);
            api.saveUser(new SipUser("alice", "Alice Theirs", true, null, null, shown.version()), null,
                    new CallingPolicy(CallClass.INTERNATIONAL, 5, null, MediaEncryption.REQUIRED));
            console.type(window, "users.form.displayName", "Alice Mine");
            console.type(window, "users.form.callsPerMinute", "7");
            console.click(window, "users.save");
            Shell conflict = console.shell("Changed meanwhile");
            Table fields = console.find(conflict, "conflict.fields", Table.class);
            assertEquals(List.of("Display name|both|Alice Theirs|Alice Mine|true", "Calls at once|them|5|2|false",
                    "Calls per minute|you|(none)|7|true"), console.ui(() -> Arrays.stream(fields.getItems())
                            .map(i -> i.getText(0) + "|" + i.getText(1) + "|" + i.getText(2) + "|" + i.getText(3)
                                    + "|" + i.getChecked()).toList()), "who changed what, theirs, mine, which is kept");
            console.tour("conflict", conflict);
            console.press(conflict, "Save merged");
            SipClient.UserView merged = ConsoleDriver.await("the merge saved", () -> {
                try {
                    return api.userViews().stream().filter(u -> u.version() == shown.version() + 2).findFirst()
                            .orElse(null);
                } catch (ManagementException e) {
                    return null;
                }
            });
            assertEquals("Alice Mine", merged.displayName(), "mine, chosen over theirs");
            assertEquals(5, merged.maxCalls(), "theirs, which I had not changed");
            assertEquals(7, merged.callsPerMinute(), "mine, which they had not changed");
            console.awaitText(window, "users.form.displayName", t -> t.equals("Alice Mine"));

            console.showPart("io.switchboard.sip.ui.part.numbers");
            console.click(window, "numbers.new");
            console.type(window, "numbers.form.number", "12");
            console.type(window, "numbers.form.destination", "alice");
            console.click(window, "numbers.save");
            String notE164 = console.awaitText(window, "numbers.form.number.error", t -> !t.isEmpty());
            assertTrue(notE164.contains("not a telephone number"), notE164);
            console.type(window, "numbers.form.number", "+442079460001");
            console.click(window, "numbers.save");
            console.awaitText(window, "numbers.status", t -> t.startsWith("1 number on switch"));
            Path csv = Files.createTempFile("numbers", ".csv");
            Files.writeString(csv, "number,destination,description,emergencyAddress,tags\n"
                    + "+442079460002,alice,Sales,,\n" + "not-a-number,alice,Broken,,\n" + "+442079460003,alice,Support,,\n");
            NumbersPart numbers = (NumbersPart) console.ui(() -> console.partObject("io.switchboard.sip.ui.part.numbers"));
            console.ui(() -> {
                numbers.importFile(csv);
                return null;
            });
            Shell report = console.shell("Import of " + csv.getFileName());
            Table errors = console.find(report, "numbers.import.errors", Table.class);
            assertEquals(1, (int) console.ui(errors::getItemCount));
            assertEquals("3", console.ui(() -> errors.getItem(0).getText(0)), "the bad line is named by its number");
            console.press(report, "Close");
            console.awaitText(window, "numbers.status", t -> t.startsWith("3 numbers on switch"));
            console.tour("numbers");

            console.showPart("io.switchboard.sip.ui.part.routes");
            console.click(window, "routes.new");
            console.type(window, "routes.form.name", "uk");
            console.type(window, "routes.form.pattern", "+44.");
            console.type(window, "routes.form.trunks", "no-such-trunk");
            console.click(window, "routes.save");
            String noTrunk = console.awaitText(window, "routes.form.trunks.error", t -> !t.isEmpty());
            assertTrue(noTrunk.contains("an existing trunk"), noTrunk);
            console.type(window, "routes.form.trunks", "carrier-a");
            console.click(window, "routes.save");
            console.awaitText(window, "routes.status", t -> t.startsWith("1 route on switch"));
            console.tour("routes");
            // Narrow the route: a change the history keeps as version 3.
            Table routeTable = console.find(window, "routes.table", Table.class);
            console.select(routeTable, 0);
            console.awaitText(window, "routes.form.name", "uk"::equals);
            console.type(window, "routes.form.pattern", "+4420.");
            console.click(window, "routes.save");
            ConsoleDriver.await("the narrowed route", () -> console.ui(() -> routeTable.getItemCount() == 1
                    && "+4420.".equals(routeTable.getItem(0).getText(2)) ? routeTable : null));

            console.showPart("io.switchboard.sip.ui.part.simulator");
            console.type(window, "simulator.caller", "alice");
            console.type(window, "simulator.number", "+442071234567");
            console.click(window, "simulator.run");
            String decision = console.awaitText(window, "simulator.result", t -> !t.isEmpty());
            assertTrue(decision.contains("route uk"), decision);
            Table tried = console.find(window, "simulator.trunks", Table.class);
            assertEquals("carrier-a", console.ui(() -> tried.getItem(0).getText(0)));
            console.tour("simulator");

            console.showPart("io.switchboard.sip.ui.part.routeHistory");
            Table versions = console.find(window, "routeHistory.versions", Table.class);
            ConsoleDriver.await("version 3", () -> console.ui(() -> versions.getItemCount() == 3 ? versions : null));
            console.select(versions, 0);
            console.click(window, "routeHistory.compare");
            String compared = console.awaitText(window, "routeHistory.compared", t -> t.startsWith("Version 2"));
            assertTrue(compared.contains("1 route(s) differ"), compared);
            Table changes = console.find(window, "routeHistory.diff", Table.class);
            assertEquals("pattern", console.ui(() -> changes.getItem(0).getText(2)));
            console.type(window, "routeHistory.numbers", "+442071234567, +441611234567");
            console.click(window, "routeHistory.replay");
            console.awaitText(window, "routeHistory.compared", t -> t.contains("1 of 2 numbers"));
            Table replayed = console.find(window, "routeHistory.replayTable", Table.class);
            assertEquals("DIFFERS", console.ui(() -> replayed.getItem(1).getText(1)));
            console.tour("route-history");
            console.select(versions, 1);
            console.click(window, "routeHistory.rollback");
            console.press(console.shell("Roll back the route table"), "OK");
            ConsoleDriver.await("the rollback as version 4", () -> console.ui(() -> versions.getItemCount() == 4
                    && versions.getItem(0).getText(3).equals("rolled back to version 2") ? versions : null));
            assertEquals("+44.", api.routes().get(0).pattern(), "the server routes by version 2 again");

            console.showPart("io.switchboard.sip.ui.part.trunkHealth");
            Table health = console.find(window, "trunkHealth.table", Table.class);
            ConsoleDriver.await("carrier-a in trunk health", () -> console.ui(() -> Arrays.stream(health.getItems())
                    .filter(i -> "carrier-a".equals(i.getText(0))).findFirst().orElse(null)));
            console.awaitText(window, "trunkHealth.status", t -> t.startsWith("Live: updated"));
            console.tour("trunk-health");
            console.showPart("io.switchboard.sip.ui.part.registrations");
            console.tour("registrations");
            console.showPart("io.switchboard.sip.ui.part.calls");
            console.tour("calls");

            try (Guesser guesser = new Guesser("127.0.0.9")) {
                guesser.guess(server.sipPort, "alice", 10);
            }
            console.showPart("io.switchboard.sip.ui.part.lockouts");
            Table lockouts = console.find(window, "lockouts.table", Table.class);
            ConsoleDriver.await("two lockouts", () -> console.ui(() -> lockouts.getItemCount() == 2 ? lockouts : null));
            String trusted = console.awaitText(window, "lockouts.trusted", t -> t.startsWith("Never locked out"));
            assertTrue(trusted.contains("192.0.2.1"), trusted);
            assertEquals("127.0.0.9", console.ui(() -> lockouts.getItem(0).getText(1)));
            assertTrue(console.ui(() -> lockouts.getItem(0).getText(5)).startsWith("10 authentication failures in 60 s"));
            assertEquals("alice", console.ui(() -> lockouts.getItem(1).getText(1)), "the user whose password was guessed");
            console.tour("lockouts");
            console.select(lockouts, 0);
            console.click(window, "lockouts.lift");
            console.press(console.shell("Lift Lockout"), "OK");
            ConsoleDriver.await("the address lifted", () -> console.ui(() -> lockouts.getItemCount() == 1 ? lockouts : null));
            assertEquals(1, api.lockouts().lockouts().size(), "the server lifted it");
            staleRouteSaveIsRefused(window, api);

            server.close();
            String lost = console.awaitText(window, "calls.status", t -> t.startsWith("Disconnected from switch"));
            assertTrue(lost.contains("retrying"), lost);
            assertFalse(console.ui(() -> Arrays.stream(console.display.getShells())
                    .anyMatch(s -> s.isVisible() && s.getText().contains("failed"))), "no error dialog for a lost server");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    /** Chooses an entry of a read-only combo as a click would. */
    /**
     * Another admin changes route uk while its form is open: the admin's save, made against what the form
     * showed, is refused and says so, and the other admin's change stays.
     */
    private void staleRouteSaveIsRefused(Shell window, SipClient api) throws Exception {
        console.showPart("io.switchboard.sip.ui.part.routes");
        console.ui(() -> {
            ((Refreshable) console.partObject("io.switchboard.sip.ui.part.routes")).refresh();
            return null;
        });
        Table routes = console.find(window, "routes.table", Table.class);
        ConsoleDriver.await("the routes read again", () -> console.ui(() -> routes.getItemCount() == 1
                && "+44.".equals(routes.getItem(0).getText(2)) ? routes : null));
        console.select(routes, 0);
        console.awaitText(window, "routes.form.name", "uk"::equals);
        Route theirs = api.routes().get(0);
        api.saveRoute(new Route(theirs.name(), 50, theirs.pattern(), theirs.strip(), theirs.prepend(), theirs.days(),
                theirs.timeFrom(), theirs.timeTo(), theirs.timeZone(), theirs.trunks(), theirs.enabled(),
                theirs.rawDialClass(), theirs.schedule()));
        console.type(window, "routes.form.prepend", "9");
        console.click(window, "routes.save");
        String refused = console.awaitText(window, "routes.form.message", t -> t.contains("changed meanwhile"));
        assertEquals(50, api.routes().get(0).priority(), "their change stays: " + refused);
        assertEquals(null, api.routes().get(0).prepend(), "and mine is not written over it");
        console.click(window, "routes.revert");
        console.showPart("io.switchboard.sip.ui.part.calls"); // the live view the server's stop is watched in
    }

    private static void select(ConsoleDriver console, Shell window, String id, int index)
            throws Exception {
        Combo combo = console.find(window, id, Combo.class);
        console.ui(() -> {
            combo.select(index);
            combo.notifyListeners(SWT.Selection, new Event());
            return null;
        });
    }
}
