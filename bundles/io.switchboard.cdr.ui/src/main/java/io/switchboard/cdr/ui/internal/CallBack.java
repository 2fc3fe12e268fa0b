package io.switchboard.cdr.ui.internal;

import java.util.List;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.widgets.Widgets;

/**
 * "Call Back" on a call record: the console's softphone dials the record's caller (the customer
 * of an inbound call, the user of an outbound one). The button is there only when the console
 * has a softphone; the two areas meet through {@link ConsoleEvents#DIAL}, not each other's classes.
 */
final class CallBack {

    private final Button button;
    private final IEventBroker events;
    private CallRecord record;

    private CallBack(Button button, IEventBroker events) {
        this.button = button;
        this.events = events;
    }

    /** @return the button's owner, or null when the console has no softphone */
    static CallBack create(Composite bar, EModelService models, MApplication app, IEventBroker events) {
        List<MPart> phone = models.findElements(app, ConsoleEvents.PHONE_PART, MPart.class);
        if (phone.isEmpty()) {
            return null;
        }
        Button b = Widgets.id(new Button(bar, SWT.PUSH), "cdr.callBack");
        CallBack callBack = new CallBack(b, events);
        b.setText("Call Back");
        b.addListener(SWT.Selection, e -> callBack.dial());
        callBack.select(null);
        return callBack;
    }

    void select(CallRecord selected) {
        record = selected;
        String number = number(selected);
        button.setEnabled(number != null);
        button.setToolTipText(number == null ? "Select a record to call its caller from the softphone"
                : "Call " + number + " from the softphone");
    }

    /** @return the caller's number, in E.164 when the record has it; null when it has none */
    static String number(CallRecord r) {
        if (r == null) {
            return null;
        }
        String n = r.callerE164() != null && !r.callerE164().isBlank() ? r.callerE164() : r.caller();
        return n == null || n.isBlank() ? null : n;
    }

    private void dial() {
        String number = number(record);
        if (number != null) {
            events.send(ConsoleEvents.SHOW_VIEW, ConsoleEvents.PHONE_PART);
            events.send(ConsoleEvents.DIAL, number);
        }
    }
}
