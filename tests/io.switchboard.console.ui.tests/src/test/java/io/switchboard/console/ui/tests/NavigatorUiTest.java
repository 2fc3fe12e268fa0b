package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The Servers navigator as a tree: under a connected server the nodes the areas contribute, under
 * Users each user; a double-click opens the user's own editor (once, however often it is opened),
 * which turns dirty when changed and writes to the server on Save; an area's node shows its view.
 */
class NavigatorUiTest {

    private static final String PASSWORD = "navigator-ui-test";
    private static final String EDITOR = "io.switchboard.console.ui.editor";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        console.ui(() -> {
            EPartService parts = ConsoleDriver.partService();
            parts.getParts().stream().filter(p -> p.getTags().contains(EDITOR)).toList()
                    .forEach(p -> parts.hidePart(p, true));
            return null;
        });
        server.close();
    }

    @Test
    void aUserOpensFromTheNavigatorInAnEditorOfItsOwnThatSavesToTheServer(TestInfo test) throws Exception {
        try {
            AdminApi api = new AdminApi(server, PASSWORD);
            api.put("sip/users/alice", "{\"password\":\"alice-password-1\",\"displayName\":\"Alice\"}");
            api.put("sip/users/bob", "{\"password\":\"bob-password-12\"}");
            Shell window = console.window();
            console.addServer("tree", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));

            // the areas' nodes under the server, in their order: the softswitch's first, the records after
            TreeItem serverItem = console.navigatorItem("tree");
            console.navigatorItem("tree", "Users");
            List<String> nodes = console.ui(() -> Arrays.stream(serverItem.getItems()).map(i -> i.getText(0)).toList());
            assertTrue(nodes.indexOf("Users") == 0 && nodes.indexOf("Trunks") == 1, nodes.toString());
            assertTrue(nodes.indexOf("Call Records") > nodes.indexOf("Routes") && nodes.contains("Dashboards"),
                    nodes.toString());
            TreeItem alice = console.navigatorItem("tree", "Users", "alice (Alice)");
            console.navigatorItem("tree", "Users", "bob");

            // the context menu (the model's popup menu, which plugins' fragments extend) opens the user
            console.selectNavigatorItem(alice);
            console.tour("navigator");
            List<String> menu = console.ui(() -> {
                Menu m = alice.getParent().getMenu();
                m.notifyListeners(SWT.Show, new Event());
                List<String> items = Arrays.stream(m.getItems()).map(i -> i.getText().replace("&", "")).toList();
                Arrays.stream(m.getItems()).filter(i -> "Open".equals(i.getText().replace("&", ""))).findFirst()
                        .ifPresent(open -> console.display.asyncExec(() -> open.notifyListeners(SWT.Selection, new Event())));
                m.notifyListeners(SWT.Hide, new Event());
                return items;
            });
            assertTrue(menu.containsAll(List.of("Open", "Refresh", "Connect", "Edit Server…")), menu.toString());
            MPart editor = ConsoleDriver.await("alice's editor", () -> console.ui(() -> editors().stream()
                    .filter(p -> "alice".equals(p.getLabel()) && p.getObject() != null).findFirst().orElse(null)));
            Text name = console.find(window, "userEditor.form.displayName", Text.class);
            ConsoleDriver.await("alice's name in the editor", () -> console.ui(() -> "Alice".equals(name.getText()) ? name : null));
            assertFalse(console.ui(editor::isDirty), "not dirty before a change");
            console.type(window, "userEditor.form.displayName", "Alice Lovelace");
            assertTrue(console.ui(editor::isDirty), "dirty after a change");
            console.tour("user-editor");

            console.runCommand("io.switchboard.console.ui.command.save");
            ConsoleDriver.await("the editor saved", () -> console.ui(() -> editor.isDirty() ? null : editor));
            String saved = ConsoleDriver.await("the new name on the server", () -> {
                String json = api.compact("sip/users");
                return json.contains("\"displayName\":\"AliceLovelace\"") ? json : null;
            });
            assertTrue(saved.contains("\"username\":\"alice\""), saved);

            // the navigator lists alice with her new name at once; opened again, the same editor comes to the front
            TreeItem again = console.navigatorItem("tree", "Users", "alice (Alice Lovelace)");
            console.openNavigatorItem(again);
            ConsoleDriver.await("the editor in front", () -> console.ui(() -> ConsoleDriver.partService().getActivePart() == editor
                    ? editor : null));
            assertEquals(1, console.ui(() -> editors().size()));

            // an area's node shows its view
            console.openNavigatorItem(console.navigatorItem("tree", "Call Records"));
            ConsoleDriver.await("the call records in front", () -> console.ui(() -> {
                MPart active = ConsoleDriver.partService().getActivePart();
                return active != null && "io.switchboard.cdr.ui.part.search".equals(active.getElementId()) ? active : null;
            }));
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    private static List<MPart> editors() {
        return ConsoleDriver.partService().getParts().stream().filter(p -> p.getTags().contains(EDITOR)).toList();
    }
}
