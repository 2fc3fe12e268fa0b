package io.switchboard.cdr.ui.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Direction;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;

/**
 * "Ask Callback…" on a call record: the server rings the user who missed the call and, when they
 * answer, calls the caller back (the API's {@code /callbacks} with the record, so the server takes
 * the number and name from the record it holds, respects the user's schedule and cancels the
 * callback if the two speak meanwhile). Offered for a call that came in and was not answered.
 */
final class AskCallback {

    private final Button button;
    private final Shell shell;
    private final SelectedServer server;
    private final Consumer<String> report;
    private CallRecord record;

    private AskCallback(Button button, Shell shell, SelectedServer server, Consumer<String> report) {
        this.button = button;
        this.shell = shell;
        this.server = server;
        this.report = report;
    }

    static AskCallback create(Composite bar, Shell shell, SelectedServer server, Consumer<String> report) {
        Button b = Widgets.id(new Button(bar, SWT.PUSH), "cdr.askCallback");
        b.setText("Ask Callback…");
        AskCallback ask = new AskCallback(b, shell, server, report);
        b.addListener(SWT.Selection, e -> ask.ask());
        ask.select(null);
        return ask;
    }

    void select(CallRecord selected) {
        record = selected;
        boolean missed = missed(selected);
        button.setEnabled(missed);
        button.setToolTipText(missed ? "Ring the user who missed this call, then call " + CallBack.number(selected)
                + " back" : "Select a missed incoming call to have it called back");
    }

    /** @return whether the record is an incoming call nobody answered, from a number that can be called */
    static boolean missed(CallRecord r) {
        return r != null && r.id() != null && r.disposition() != Disposition.ANSWERED
                && r.direction() != Direction.OUTBOUND && CallBack.number(r) != null;
    }

    private void ask() {
        CallRecord r = record;
        if (!missed(r)) {
            return;
        }
        String number = CallBack.number(r);
        InputDialog who = new InputDialog(shell, "Ask Callback",
                "Who calls " + number + (r.callerName() == null ? "" : " (" + r.callerName() + ")")
                        + " back? The user's phone rings first, within their schedule.",
                user(r), u -> u.isBlank() ? "Name the user whose phone rings first" : null);
        if (who.open() != Window.OK) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", who.getValue().trim());
        body.put("record", r.id());
        ServerWork.run(button, "Asking a callback to " + number, () -> server.client().send("POST", "callbacks", body),
                made -> report.accept("Callback #" + made.path("id").asLong() + " asked: " + made.path("user").asText()
                        + " is rung, then " + made.path("number").asText() + " (" + made.path("state").asText()
                        .toLowerCase() + "); the Callbacks view follows it"));
    }

    /** @return the user the call was for, when the record names one (not a number), else blank */
    private static String user(CallRecord r) {
        String callee = r.callee();
        return callee == null || callee.isBlank() || callee.startsWith("+") ? "" : callee;
    }
}
