package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.switchboard.mgmt.client.AccountsClient;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.sip.api.provisioning.SipUser;

/**
 * Accounts and the audit log in the real console against a real server: the admin gives an
 * operator an account (and is told beside the field when the password is too short); the operator
 * makes a SIP user and may not make accounts; the admin reads in the Audit Log who did it, from
 * where, and the user before and after, its password masked.
 */
class AccountsUiTest {

    private static final String PASSWORD = "accounts-ui-test";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAdminGivesAnOperatorAnAccountAndReadsWhatItChanged(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            console.addServer("audited", server.url(), PASSWORD);
            // the heading names the server: an earlier test's server, still shown, must not pass for this one
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));

            console.showPart("io.switchboard.console.ui.part.accounts");
            Table accounts = console.find(window, "accounts.table", Table.class);
            ConsoleDriver.await("the admin's account", () -> console.ui(() -> accounts.getItemCount() == 1 ? accounts : null));
            console.click(window, "accounts.new");
            console.type(window, "account.name", "olga");
            Combo role = console.find(window, "account.role", Combo.class);
            console.ui(() -> {
                role.setText("operator");
                role.notifyListeners(SWT.Selection, new Event());
                return null;
            });
            console.type(window, "account.password", "too-short");
            console.click(window, "accounts.save");
            String refusal = console.awaitText(window, "account.message", t -> !t.isEmpty());
            assertTrue(refusal.contains("at least 12 characters"), refusal);
            console.type(window, "account.password", "olga-operator-1");
            console.click(window, "accounts.save");
            ConsoleDriver.await("olga's account", () -> console.ui(() -> accounts.getItemCount() == 2 ? accounts : null));
            assertEquals("", console.ui(() -> ConsoleDriver.byId(window, "account.password", Text.class).getText()),
                    "the password is not shown back");
            console.tour("accounts");

            ManagementClient olga = new ManagementClient(server.url(), "olga", "olga-operator-1");
            new SipClient(olga).saveUser(new SipUser("carol", "Carol", true, null, null), "carol-secret-1");
            new SipClient(olga).saveUser(new SipUser("carol", "Carol Danvers", true, null, null), null);
            ManagementException refused = Assertions.assertThrows(ManagementException.class,
                    () -> new AccountsClient(olga).save("mallory", "admin", "mallory-admin-1"));
            assertEquals(403, refused.status(), "an operator makes no accounts");

            console.showPart("io.switchboard.console.ui.part.audit");
            Table audit = console.find(window, "audit.table", Table.class);
            TableItem change = ConsoleDriver.await("olga's change of carol", () -> console.ui(() -> Arrays
                    .stream(audit.getItems()).filter(i -> "olga".equals(i.getText(1)) && "PUT".equals(i.getText(4))
                            && i.getText(6).equals("200")).findFirst().orElse(null)));
            int row = console.ui(() -> audit.indexOf(change));
            assertEquals("/sip/users/carol", console.ui(() -> change.getText(5)));
            assertEquals("127.0.0.1", console.ui(() -> change.getText(3)));
            assertEquals("displayName", console.ui(() -> change.getText(7)), "what the change changed, at a glance");
            console.select(audit, row);
            String before = console.awaitText(window, "audit.before", t -> !t.isEmpty());
            String after = console.awaitText(window, "audit.after", t -> !t.isEmpty());
            assertTrue(before.contains("\"Carol\"") && after.contains("\"Carol Danvers\""), before + after);
            assertTrue(console.ui(() -> Arrays.stream(audit.getItems())
                    .anyMatch(i -> "admin".equals(i.getText(1)) && "/accounts/olga".equals(i.getText(5)))),
                    "the admin's own change is there too");
            assertFalse(console.ui(() -> Arrays.stream(audit.getItems()).anyMatch(i -> i.getText(5).contains("mallory"))));
            console.tour("audit");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
