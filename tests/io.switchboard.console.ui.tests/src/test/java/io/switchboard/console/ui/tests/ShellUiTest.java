package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What the console's shell gives every area's views, in the real console: F1 opens the guide at the
 * section about the view in focus, Ctrl+C copies a table's selected rows with their headers, a view
 * can be maximized (the others go to the window's edge) and restored, and detached into a window
 * of its own.
 */
class ShellUiTest {

    private static final String TRUNKS = "io.switchboard.sip.ui.part.trunks";
    private static final String SETTINGS = "io.switchboard.console.ui.part.settings";
    private static final String SERVERS = "io.switchboard.console.ui.part.servers";
    private static final String CALLS = "io.switchboard.sip.ui.part.calls";

    private final ConsoleDriver console = new ConsoleDriver();

    @Test
    void f1OpensTheGuideAtTheViewInFocus(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            for (String[] view : new String[][] { { TRUNKS, "Trunks" }, { SETTINGS, "Server Settings" } }) {
                console.showPart(view[0]);
                console.runCommand("io.switchboard.docs.ui.command.guide");
                StyledText text = console.find(window, "guide.text", StyledText.class);
                String shown = ConsoleDriver.await("the guide at " + view[1], () -> console.ui(() -> {
                    int heading = -1;
                    for (int i = 0; i < text.getLineCount() && heading < 0; i++) {
                        heading = text.getLine(i).trim().equals(view[1]) ? i : -1;
                    }
                    // at the top (a picture below it may leave it partly scrolled past), or as near it as
                    // the page's end lets the guide scroll: in the upper half, the page moved from its start
                    int y = heading < 0 ? -1 : text.getLinePixel(heading);
                    boolean there = heading >= 0 && text.getTopPixel() > 0 && y > -3 * text.getLineHeight()
                            && y < text.getClientArea().height / 2;
                    return there ? text.getLine(heading).trim() : null;
                }));
                assertEquals(view[1], shown, "the console tour's section about the view");
            }
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    @Test
    void ctrlCCopiesATablesSelectedRowsWithTheirHeaders(TestInfo test) throws Exception {
        console.window();
        // any table of any area: the shell's addon copies from a table it has never seen
        Shell own = console.ui(() -> {
            Shell shell = new Shell(console.display);
            shell.setText("A table of a plugin");
            shell.setLayout(new FillLayout());
            Table table = new Table(shell, SWT.MULTI | SWT.FULL_SELECTION);
            table.setHeaderVisible(true);
            for (String h : new String[] { "Trunk", "Channels", "Note" }) {
                new TableColumn(table, SWT.NONE).setText(h);
            }
            String[][] rows = { { "carrier-a", "30", "primary" }, { "carrier-b", "12", "two\tlines\nhere" },
                    { "carrier-c", "0", "" } };
            for (String[] r : rows) {
                new TableItem(table, SWT.NONE).setText(r);
            }
            shell.setSize(400, 200);
            shell.open();
            return shell;
        });
        try {
            String copied = console.ui(() -> {
                Table table = (Table) own.getChildren()[0];
                table.setSelection(new int[] { 0, 1 });
                table.setFocus();
                Event key = new Event();
                key.keyCode = 'c';
                key.character = 'c';
                key.stateMask = SWT.MOD1;
                table.notifyListeners(SWT.KeyDown, key);
                Clipboard clipboard = new Clipboard(console.display);
                try {
                    return (String) clipboard.getContents(TextTransfer.getInstance());
                } finally {
                    clipboard.dispose();
                }
            });
            assertEquals(List.of("Trunk\tChannels\tNote", "carrier-a\t30\tprimary", "carrier-b\t12\ttwo lines here"),
                    copied == null ? null : copied.lines().toList(),
                    "the headers, then the selected rows, a cell's tabs and line breaks made spaces");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        } finally {
            console.ui(() -> {
                own.dispose();
                return null;
            });
        }
    }

    @Test
    void aViewIsMaximizedRestoredAndDetached(TestInfo test) throws Exception {
        TestServer server = TestServer.start("shell-ui-test");
        try {
            Shell window = console.window();
            console.addServer("roomy", server.url(), "shell-ui-test");
            console.awaitText(window, "overview.heading", t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart(SETTINGS);
            Table pids = console.find(window, "settings.pids", Table.class);
            int sip = console.awaitRow("the switch's settings", pids, 0, "io.switchboard.sip"::equals);
            console.select(pids, sip);
            console.runCommand("io.switchboard.console.ui.command.maximize");
            ConsoleDriver.await("the navigator at the window's edge", () ->
                    console.stackTags(SERVERS).contains(IPresentationEngine.MINIMIZED) ? Boolean.TRUE : null);
            assertTrue(console.stackTags(SETTINGS).contains(IPresentationEngine.MAXIMIZED));
            assertFalse(console.ui(() -> ((Control) console.partObjectWidget(SERVERS)).isVisible()),
                    "the navigator is out of the way");
            console.tour("maximized");
            console.runCommand("io.switchboard.console.ui.command.maximize");
            ConsoleDriver.await("the navigator back", () ->
                    console.stackTags(SERVERS).contains(IPresentationEngine.MINIMIZED) ? null : Boolean.TRUE);
            assertFalse(console.stackTags(SETTINGS).contains(IPresentationEngine.MAXIMIZED));

            console.showPart(CALLS);
            console.runCommand("io.switchboard.console.ui.command.detach");
            Shell own = ConsoleDriver.await("the view in a window of its own", () -> {
                Shell s = console.partShell(CALLS);
                return s != null && s != window ? s : null;
            });
            assertNotEquals(window, own);
            assertTrue(console.ui(own::isVisible), "the detached window shows");
            assertEquals(window, console.partShell(SERVERS), "the other views stay in the main window");
            console.tour("detached", own);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        } finally {
            try {
                console.reattach(CALLS, "io.switchboard.console.ui.stack.calls");
            } finally {
                console.showPart(SETTINGS);
                if (console.stackTags(SETTINGS).contains(IPresentationEngine.MAXIMIZED)) {
                    console.maximize(SETTINGS, false);
                }
                server.close();
            }
        }
    }
}
