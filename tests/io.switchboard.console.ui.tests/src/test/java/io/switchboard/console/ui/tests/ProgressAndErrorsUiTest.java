package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.mgmt.client.ManagementException;

/**
 * Window, Progress and Window, Error Log in the real console: a server call that hangs is listed as
 * running and Cancel stops it (its thread interrupted, its answer and error dropped); an error a
 * dialog showed is in the log with the server's own text in its detail.
 */
class ProgressAndErrorsUiTest {

    private final ConsoleDriver console = new ConsoleDriver();

    @Test
    void workThatHangsIsCancelledFromTheProgressView(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            CountDownLatch interrupted = new CountDownLatch(1);
            AtomicBoolean answered = new AtomicBoolean();
            AtomicBoolean failed = new AtomicBoolean();
            console.ui(() -> ServerWork.run(window, "Waiting for a server that never answers", () -> {
                try {
                    Thread.sleep(120_000);
                    return "late";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw new ManagementException("interrupted", 0, e);
                }
            }, answer -> answered.set(true), e -> failed.set(true)));
            console.runCommand("io.switchboard.console.ui.command.progress");
            Table table = console.find(window, "progress.table", Table.class);
            int row = ConsoleDriver.await("the work, running", () -> console.ui(() -> {
                for (int i = 0; i < table.getItemCount(); i++) {
                    if (table.getItem(i).getText(0).startsWith("Waiting for a server")
                            && table.getItem(i).getText(1).startsWith("running")) {
                        return i;
                    }
                }
                return null;
            }));
            console.select(table, row);
            console.tour("progress");
            console.click(window, "progress.cancel");
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "Cancel interrupts the wait for the server");
            ConsoleDriver.await("the work, cancelled", () -> console.ui(() -> {
                for (int i = 0; i < table.getItemCount(); i++) {
                    if (table.getItem(i).getText(0).startsWith("Waiting for a server")
                            && table.getItem(i).getText(1).startsWith("cancelled")) {
                        return Boolean.TRUE;
                    }
                }
                return null;
            }));
            Thread.sleep(300);
            console.ui(() -> null); // what the job handed to the UI thread has run
            assertFalse(answered.get(), "a cancelled call's answer is dropped");
            assertFalse(failed.get(), "and so is its error: the admin asked for it to stop");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }

    @Test
    void anErrorADialogShowedIsInTheErrorLogWithItsDetail(TestInfo test) throws Exception {
        try {
            Shell window = console.window();
            String headline = "Cannot save trunk carrier-a";
            console.display.asyncExec(() -> ErrorDialogs.show(window, headline, new ManagementException(
                    "Not saved: port 70000 is out of range", 422, null, "port: 70000 is above 65535")));
            // the dialog, unless the test harness runs JFace's error dialogs in automated mode (they do not stay)
            for (int i = 0; i < 30; i++) {
                Shell dialog = console.ui(() -> Arrays.stream(console.display.getShells())
                        .filter(d -> d.isVisible() && headline.equals(d.getText())).findFirst().orElse(null));
                if (dialog != null) {
                    console.press(dialog, "OK");
                    break;
                }
                Thread.sleep(100);
            }
            console.runCommand("io.switchboard.console.ui.command.errors");
            Table table = console.find(window, "errors.table", Table.class);
            int row = console.awaitRow("the error in the log", table, 1, headline::equals);
            assertTrue(console.ui(() -> table.getItem(row).getText(2)).contains("port 70000 is out of range"));
            console.select(table, row);
            Text detail = console.find(window, "errors.detail", Text.class);
            String text = ConsoleDriver.await("its detail", () -> console.ui(() -> detail.getText().isEmpty() ? null
                    : detail.getText()));
            assertTrue(text.contains("The server said: port: 70000 is above 65535"), text);
            assertTrue(text.contains(ManagementException.class.getName()), "the trace, for a ticket: " + text);
            console.tour("errors");
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        }
    }
}
