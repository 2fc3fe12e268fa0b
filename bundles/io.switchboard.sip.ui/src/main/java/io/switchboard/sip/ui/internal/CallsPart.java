package io.switchboard.sip.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Composite;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.sip.api.ActiveCall;

/** The calls in progress, live, with Hang Up. */
public class CallsPart extends LivePart<ActiveCall> {

    public CallsPart() {
        super("calls");
    }

    @Override
    void buttons(Composite bar) {
        Widgets.button(bar, "Hang Up…", "calls.hangup", this::hangUp);
    }

    private void hangUp() {
        ActiveCall call = selected();
        if (call != null) {
            act("Hang up the call from " + call.caller() + " to " + call.callee() + "? Both sides get a BYE.",
                    "Hang up", () -> new SipClient(server.client()).hangUp(call.id()));
        }
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "Caller", 140, (ActiveCall c) -> c.caller());
        Columns.add(v, "Callee", 140, (ActiveCall c) -> c.callee());
        Columns.add(v, "To", 140, (ActiveCall c) -> c.target());
        Columns.add(v, "State", 80, (ActiveCall c) -> c.state());
        Columns.add(v, "Started", 180, (ActiveCall c) -> ConsoleSettings.time(c.start()));
        Columns.add(v, "Talking", 80, (ActiveCall c) -> c.answer() == null ? ""
                : Duration.between(c.answer(), Instant.now()).toSeconds() + " s");
        Columns.add(v, "Call-ID", 220, (ActiveCall c) -> c.aCallId());
    }

    @Override
    List<ActiveCall> load(SipClient sip) throws ManagementException {
        return sip.calls();
    }
}
