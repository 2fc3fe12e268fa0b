package io.switchboard.sip.ui.internal;

import java.util.List;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.SipClient.Lockouts;
import io.switchboard.sip.api.Lockout;

/**
 * The addresses and users the switch refuses now (password guessing, floods), live, with Lift; and
 * what it never locks out, so that an admin sees at once why an office was or was not blocked.
 */
public class LockoutsPart extends LivePart<Lockout> {

    private Label trusted;

    public LockoutsPart() {
        super("lockouts");
    }

    @Override
    void buttons(Composite bar) {
        Widgets.button(bar, "Lift…", "lockouts.lift", this::lift);
        trusted = Widgets.id(new Label(bar, SWT.NONE), "lockouts.trusted");
    }

    private void lift() {
        Lockout l = selected();
        if (l != null) {
            String what = Lockout.USER.equals(l.kind()) ? "user " + l.key() : "address " + l.key();
            act("Lift the lockout of " + what + "? Its failures are forgotten; if the guessing goes on it is "
                    + "locked out again.", "Lift Lockout", () -> new SipClient(server.client()).unlock(l));
        }
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "Kind", 70, (Lockout l) -> l.kind());
        Columns.add(v, "Address or user", 200, (Lockout l) -> l.key());
        Columns.add(v, "Since", 170, (Lockout l) -> ConsoleSettings.time(l.since()));
        Columns.add(v, "Until", 170, (Lockout l) -> Lockout.FLOOD.equals(l.kind()) ? "while it floods"
                : ConsoleSettings.time(l.until()));
        Columns.add(v, "Refused", 80, (Lockout l) -> String.format("%,d", l.refused()));
        Columns.add(v, "Reason", 420, (Lockout l) -> l.reason());
    }

    @Override
    List<Lockout> load(SipClient sip) throws ManagementException {
        Lockouts all = sip.lockouts();
        String text = "Never locked out: " + String.join(", ", all.trustedNetworks()) + " and trunks · "
                + String.format("%,d", all.droppedFromLockedOut()) + " packets dropped";
        trusted.getDisplay().asyncExec(() -> {
            if (!trusted.isDisposed()) {
                trusted.setText(text);
                trusted.getParent().layout();
            }
        });
        return all.lockouts();
    }
}
