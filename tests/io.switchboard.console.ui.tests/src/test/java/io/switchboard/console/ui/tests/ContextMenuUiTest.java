package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A plugin extends an area's view: Acme's sample console plugin ({@code io.switchboard.sample.sipaddress})
 * adds "Copy SIP Address" to the Users editor's context menu through a model fragment of its own;
 * the admin right-clicks alice and gets her address on the clipboard.
 */
class ContextMenuUiTest {

    private static final String PASSWORD = "context-menu-ui-test";
    private static final String USERS = "io.switchboard.sip.ui.part.users";

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
    void aPluginsActionInTheUsersContextMenuCopiesTheSelectedUsersAddress(TestInfo test) throws Exception {
        try {
            new AdminApi(server, PASSWORD).put("sip/users/alice", "{\"password\":\"alice-password-1\",\"displayName\":\"Alice\"}");
            Shell window = console.window();
            console.addServer("menus", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart(USERS);
            Table users = console.find(window, "users.table", Table.class);
            int alice = console.awaitRow("alice in the table", users, 0, "alice"::equals);
            console.select(users, alice);
            AtomicReference<String> seen = new AtomicReference<>();
            String label;
            try {
                label = ConsoleDriver.await("the plugin's item in the context menu", () -> console.ui(() -> {
                    Menu menu = users.getMenu();
                    if (menu == null) {
                        seen.set("no context menu on the table");
                        return null;
                    }
                    menu.notifyListeners(SWT.Show, new Event()); // as a right-click: the menu's contributions fill it
                    seen.set(Arrays.stream(menu.getItems()).map(i -> i.getText() + (i.isEnabled() ? "" : " (disabled)"))
                            .toList().toString());
                    MenuItem item = Arrays.stream(menu.getItems()).filter(i -> i.getText().contains("Copy SIP Address"))
                            .findFirst().orElse(null);
                    if (item == null || !item.isEnabled()) {
                        menu.notifyListeners(SWT.Hide, new Event());
                        return null;
                    }
                    item.notifyListeners(SWT.Selection, new Event());
                    menu.notifyListeners(SWT.Hide, new Event());
                    return item.getText();
                }));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the menu held " + seen.get(), e);
            }
            assertNotNull(label);
            String copied = ConsoleDriver.await("the address on the clipboard", () -> console.ui(() -> {
                Clipboard clipboard = new Clipboard(console.display);
                try {
                    Object text = clipboard.getContents(TextTransfer.getInstance());
                    return text instanceof String s && s.startsWith("sip:") ? s : null;
                } finally {
                    clipboard.dispose();
                }
            }));
            assertEquals("sip:alice@" + URI.create(server.url()).getHost(), copied);
            assertTrue(console.ui(() -> users.getSelectionIndex() == alice), "alice stays selected");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
