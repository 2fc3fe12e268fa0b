package io.switchboard.sip.ui.internal;

import java.util.List;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Composite;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.SipClient.Registration;

/** The registered phones, live, with Unregister. */
public class RegistrationsPart extends LivePart<Registration> {

    public RegistrationsPart() {
        super("registrations");
    }

    @Override
    void buttons(Composite bar) {
        Widgets.button(bar, "Unregister…", "registrations.unregister", this::unregister);
    }

    private void unregister() {
        Registration r = selected();
        if (r != null) {
            act("Remove every registration of " + r.username() + "? Its phones stop receiving calls until they "
                    + "register again.", "Unregister", () -> new SipClient(server.client()).unregister(r.username()));
        }
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "User", 110, (Registration r) -> r.username());
        Columns.add(v, "Contact", 240, (Registration r) -> r.contact());
        Columns.add(v, "Source", 150, (Registration r) -> r.source());
        Columns.add(v, "Phone", 160, (Registration r) -> r.userAgent());
        Columns.add(v, "Registered", 180, (Registration r) -> ConsoleSettings.time(r.registered()));
        Columns.add(v, "Expires", 180, (Registration r) -> ConsoleSettings.time(r.expiresAt()));
    }

    @Override
    List<Registration> load(SipClient sip) throws ManagementException {
        return sip.registrations();
    }
}
