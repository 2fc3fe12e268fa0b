package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.switchboard.console.ui.widgets.ConsoleSettings;

/**
 * Window, Preferences in the real console: the console's own page first, then the pages areas
 * contribute (call records' rows per page comes from io.switchboard.cdr.ui, not from the shell); a
 * value changed on an area's page is kept.
 */
class PreferencesUiTest {

    private final ConsoleDriver console = new ConsoleDriver();

    @Test
    void anAreasPageSitsBesideTheConsolesAndKeepsItsValue(TestInfo test) throws Exception {
        int before = ConsoleSettings.pageSize();
        Shell dialog = null;
        try {
            console.window();
            console.runCommandLater("io.switchboard.console.ui.command.preferences");
            dialog = console.shell("Preferences");
            Shell shell = dialog;
            Tree pages = ConsoleDriver.await("the pages", () -> console.ui(() -> ConsoleDriver.byClass(shell, Tree.class)));
            List<String> labels = console.ui(() -> Arrays.stream(pages.getItems()).map(TreeItem::getText).toList());
            assertEquals("Console", labels.get(0), "the console's own page first: " + labels);
            assertEquals(true, labels.contains("Call Records"), "the call records' page, from their bundle: " + labels);
            console.ui(() -> {
                TreeItem records = Arrays.stream(pages.getItems()).filter(i -> i.getText().equals("Call Records"))
                        .findFirst().orElseThrow();
                pages.setSelection(records);
                Event e = new Event();
                e.item = records;
                pages.notifyListeners(SWT.Selection, e);
                return null;
            });
            Spinner rows = console.find(dialog, "preferences.pageSize", Spinner.class);
            int wanted = before == 150 ? 160 : 150;
            console.ui(() -> {
                rows.setSelection(wanted);
                return null;
            });
            console.tour("preferences", dialog);
            console.press(dialog, console.ui(() -> ConsoleDriver.button(shell, "Apply and Close") != null)
                    ? "Apply and Close" : "OK");
            assertEquals(wanted, (int) ConsoleDriver.await("the value kept", () -> ConsoleSettings.pageSize() == wanted
                    ? wanted : null));
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            if (dialog != null) {
                Shell open = dialog;
                console.ui(() -> {
                    if (!open.isDisposed()) {
                        open.close();
                    }
                    return null;
                });
            }
            throw t;
        } finally {
            ConsoleSettings.preferences().putInt(ConsoleSettings.PAGE_SIZE, before);
        }
    }
}
